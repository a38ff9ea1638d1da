"""`python -m kiosk.bench [--platform offscreen|xcb] [--size WxH] [--json FILE] [--trace]`:
the show's performance, measured.

Runs the real show on the shipped slides.yaml and on a generated stress show (12 slides with
6000x4000 JPEG photos, made in a temporary folder), offscreen or in a real X window (an Xvfb
is started when there is no display), and prints a table. In the same run it measures the
floor: a bare Qt Quick window with one 1920x1080 picture and one line of text, started the
same way (kiosk/tools/floor.py); figures that have a floor are given beside it with the ratio,
so runs on noisy machines compare by ratio. Memory is measured in fresh child processes so
the benchmark's own work does not count. `--trace` names where the GUI thread spent every
stall over 8 ms; `--repeat N` measures N times and reports each figure's median (and every
run's value).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize

from ...app import make_qt_app
from ...content.loader import load_show
from ...content.shipped import SHIPPED_SLIDES
from ...player.video import video_available
from ..sizes import parse_size
from ..xserver import x_display
from .api import api_load_child, api_status_ms_p95, gui_stall_ms_under_api_load
from .figures import (
    decode_ms,
    first_frame_ms,
    floor_figures,
    gui_stall_ms,
    idle_cpu,
    memory_child,
    memory_in_child,
    playing_cpu,
    still_fps,
    switch_times,
    transition_fps,
)
from .harness import with_durations
from .report import _rounded, medians, print_table, report
from .stress import make_floor_picture, make_stress_show
from .video import video_figures, video_memory_child


def measure(
    size: QSize, trace: list[str] | None, only_video: bool = False
) -> tuple[dict[str, float], dict[str, float]]:
    """Every figure of the show, and the floor's, on the platform in QT_QPA_PLATFORM (with
    `only_video`, the video figures alone)."""
    make_qt_app()
    if only_video:
        return video_figures(size), {}
    shipped = load_show(SHIPPED_SLIDES)[0]
    with tempfile.TemporaryDirectory() as folder:
        stress_path = make_stress_show(Path(folder))
        stress = load_show(stress_path)[0]
        floor = floor_figures(make_floor_picture(Path(folder)), size)
        results: dict[str, float] = {"first_frame_ms": first_frame_ms(SHIPPED_SLIDES, size)}
        results["switch_ms_p50"], results["switch_ms_p95"] = switch_times(shipped, size)
        results["transition_fps"] = transition_fps(shipped, size)
        results["still_fps"] = still_fps(shipped, size)
        results["decode_24mp_ms"] = decode_ms(stress.slides[0].image)
        results["gui_stall_ms_max"] = gui_stall_ms(stress, size, trace)
        results["idle_cpu_percent"] = idle_cpu(shipped, size)
        results["playing_cpu_percent"] = playing_cpu(shipped, size)
        # reveal.js was measured advancing every 5 s: the same pace, for the comparison
        results["playing_cpu_percent_5s"] = playing_cpu(with_durations(shipped, 5), size, seconds=20)
        results["api_status_ms_p95"] = api_status_ms_p95(shipped, size)
        results["gui_stall_ms_max_under_api_load"] = gui_stall_ms_under_api_load(shipped, size)
        results.update(memory_in_child(stress_path, size))
        results.update(memory_in_child(None, size))
    if video_available():
        results.update(video_figures(size))
    return results, floor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--platform", choices=("offscreen", "xcb"), default="offscreen")
    parser.add_argument("--size", type=parse_size, default="1920x1080", metavar="WxH")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument("--trace", action="store_true", help="name the cause of every GUI stall over 8 ms")
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="N", help="measure N times; each figure is the median"
    )
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    parser.add_argument("--api-load", type=json.loads, help=argparse.SUPPRESS)
    parser.add_argument("--video-memory-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--only-video", action="store_true", help="measure only the video figures")
    args = parser.parse_args(argv)
    if args.api_load:
        api_load_child(args.api_load)
        return 0
    if args.video_memory_child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        make_qt_app()
        video_memory_child(args.video_memory_child, args.size)
        return 0
    if args.memory_child:
        make_qt_app()
        memory_child(None if args.memory_child == "growth" else Path(args.memory_child), args.size)
        return 0
    trace: list[str] | None = [] if args.trace else None
    runs: list[tuple[dict[str, float], dict[str, float]]] = []
    if args.platform == "xcb":
        with x_display((args.size.width(), args.size.height())) as display:
            os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            runs = [measure(args.size, trace, args.only_video) for _ in range(args.repeat)]
    else:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        runs = [measure(args.size, trace, args.only_video) for _ in range(args.repeat)]
    shows = [show for show, _floor in runs]
    figures = report(medians(shows), medians([floor for _show, floor in runs]), args.size, shows)
    print_table(figures, args.size)
    if trace is not None:
        print("\nGUI stalls over 8 ms while the stress show went round (worst first):")
        print("\n".join(trace) or "none")
    if args.json:
        document = {
            "platform": args.platform,
            "size": f"{args.size.width()}x{args.size.height()}",
            "repeats": args.repeat,
        }
        document |= {
            "figures": {key: _rounded(figure) for key, figure in figures.items()},
            "trace": trace or [],
        }
        args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0
