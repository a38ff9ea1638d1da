"""The video figures: the gap at a clip switch, CPU while a 1080p clip plays, memory over
thousands of clip changes."""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSize

from ...app import make_qt_app
from ...content.loader import load_show
from ...content.model import Show
from ...player.video import SOFTWARE_SWITCH, video_available
from ..clips import ffmpeg, make_clip
from ..offscreen import wait_until
from .figures import memory_in_child, playing_cpu
from .harness import advance_in_event_loop, open_show, rss_now

VIDEO_CHANGES = 2000  # clip changes in the video memory run


VIDEO_SHOW = """\
show: {{title: Video, languages: [en], transition: none, advance_seconds: 30}}
slides:
{slides}
"""


def make_video_show(
    folder: Path, seconds: float, size: str, clips: int = 3, detail: bool = False, **slide: str
) -> Path:
    """`clips` video slides, each a clip of its own colour; extra slide keys from `slide`."""
    colours = ("#c03020", "#20a040", "#2050c0", "#c0a020")
    extra = "".join(f", {key}: {value}" for key, value in slide.items())
    lines = []
    for i in range(clips):
        make_clip(folder / f"clip-{i}.mp4", colours[i % len(colours)], seconds, size=size, detail=detail)
        lines.append(f"  - {{id: clip-{i}, layout: video, video: clip-{i}.mp4{extra}}}")
    path = folder / "slides.yaml"
    path.write_text(VIDEO_SHOW.format(slides="\n".join(lines)), encoding="utf-8")
    return path


def video_switch_gaps(show: Show, size: QSize, switches: int = 30) -> tuple[float, float]:
    """p50 and p95 of the time from a clip's last decoded frame to the first frame drawn with the
    next slide up (the show advances by itself at each clip's end)."""
    running = open_show(show, size)
    gaps: list[float] = []
    ended: list[float] = []

    def clip_ended(slide_id: str) -> None:
        (slide,) = [slide for slide in show.slides if slide.id == slide_id]
        ended.append(running.clips.clip(slide).last_frame_at)

    def frame() -> None:
        if ended and not running.controller.settling:
            gaps.append((time.monotonic() - ended.pop()) * 1000)

    running.clips.clipEnded.connect(clip_ended)
    running.window.frameSwapped.connect(frame)
    wait_until(lambda: len(gaps) >= switches, timeout=switches * 5)
    running.close()
    gaps.sort()
    if not gaps:
        return float("nan"), float("nan")
    return statistics.median(gaps), gaps[round(0.95 * (len(gaps) - 1))]


def video_memory_child(folder: Path, size: QSize) -> None:
    """In a fresh process: RSS growth from 50 to VIDEO_CHANGES clip changes (short looped clips)."""
    make_qt_app()
    show = load_show(make_video_show(folder, 0.4, "320x180", video_until="duration", duration=1))[0]
    running = open_show(show, size)  # stepped by hand (held): each clip plays until the next step
    advance_in_event_loop(running, 50)
    after_50 = rss_now()
    advance_in_event_loop(running, VIDEO_CHANGES - 50)
    print(json.dumps({"video_rss_growth_percent": 100 * (rss_now() - after_50) / after_50}))


def video_figures(size: QSize) -> dict[str, float]:
    """1080p H.264 decoded in software: the gap at each clip change, CPU while one plays,
    and memory over thousands of clip changes (in a child process)."""
    if ffmpeg() is None or not video_available():
        print('video figures skipped: they need ffmpeg and pip install ".[video]"', file=sys.stderr)
        return {}
    os.environ[SOFTWARE_SWITCH] = "1"
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        show = load_show(make_video_show(Path(folder), 1.0, "1920x1080"))[0]
        results["video_switch_gap_ms_p50"], results["video_switch_gap_ms_p95"] = video_switch_gaps(show, size)
    with tempfile.TemporaryDirectory() as folder:
        # noisy footage at 8 Mbit/s: as costly to decode as a real film, unlike a flat colour
        looping = make_video_show(Path(folder), 4.0, "1920x1080", 1, detail=True, video_until="duration")
        results["video_playing_cpu_percent"] = playing_cpu(load_show(looping)[0], size, seconds=15, start=0)
    with tempfile.TemporaryDirectory() as folder:
        results.update(memory_in_child(Path(folder), size, "--video-memory-child"))
    return results
