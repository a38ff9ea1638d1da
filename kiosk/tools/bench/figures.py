"""The show's own figures: start-up, switches, transitions, stills, decoding, stalls, CPU and
memory, and the floor's beside them."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import psutil
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest

from ...app import make_qt_app
from ...content.loader import load_show
from ...content.model import Show
from ...content.shipped import SHIPPED_SLIDES
from ...player.assets import decode
from ..offscreen import wait_until
from ..stalltrace import StallTrace
from .harness import (
    GapProbe,
    advance_in_event_loop,
    cpu_percent_over,
    open_show,
    rss_now,
    run_for,
    time_to_frame,
    with_durations,
    without_transitions,
)
from .stress import STRESS_SLIDES


def first_frame_ms(slides: Path, size: QSize, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as logs:
            started = time.time()
            output = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "kiosk",
                    str(slides),
                    "--bench-first-frame",
                    "--log-dir",
                    logs,
                    "--size",
                    f"{size.width()}x{size.height()}",
                ],
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            ).stdout
        stamp = next(line for line in output.splitlines() if line.startswith("first-frame "))
        times.append((float(stamp.split()[1]) - started) * 1000)
    return statistics.median(times)


def switch_times(show: Show, size: QSize, switches: int = 50) -> tuple[float, float]:
    running = open_show(without_transitions(show), size)
    running.controller.toggle_pause()
    times = []
    for _ in range(switches):
        target = (running.controller.currentIndex + 1) % len(show.slides)
        times.append(
            time_to_frame(
                running,
                lambda: QTest.keyClick(running.window, Qt.Key.Key_Right),
                lambda target=target: running.controller.currentIndex == target,
            )
        )
        run_for(0.1)  # the neighbours decode, as they would while a visitor reads
    running.close()
    times.sort()
    return statistics.median(times), times[round(0.95 * (len(times) - 1))]


def transition_fps(show: Show, size: QSize, transitions: int = 5) -> float:
    running = open_show(replace(show, transition="crossfade"), size)
    running.controller.toggle_pause()
    frames = [0]
    running.window.frameSwapped.connect(lambda: frames.__setitem__(0, frames[0] + 1))
    rates = []
    for _ in range(transitions):
        run_for(0.5)
        frames[0] = 0
        running.controller.next()
        run_for(running.controller.transitionMs / 1000)
        rates.append(frames[0] / (running.controller.transitionMs / 1000))
    running.close()
    return statistics.median(rates)


def still_fps(show: Show, size: QSize, seconds: float = 5) -> float:
    """Frames drawn per second on a slide that is playing but between its transition and the
    next (count-ups over): only the time strip's one-second steps should draw."""
    running = open_show(with_durations(replace(show, transition="none"), 60), size, start=1)
    run_for(2.5)  # the count-ups end
    frames = [0]
    running.window.frameSwapped.connect(lambda: frames.__setitem__(0, frames[0] + 1))
    run_for(seconds)
    running.close()
    return frames[0] / seconds


def decode_ms(photo: Path, runs: int = 5) -> float:
    times: list[float] = []

    def work() -> None:
        started = time.perf_counter()
        image, error = decode(photo, QSize(1920, 1080))
        assert not error and not image.isNull()
        times.append((time.perf_counter() - started) * 1000)

    for _ in range(runs):
        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
    return statistics.median(times)


def gui_stall_ms(show: Show, size: QSize, trace: list[str] | None = None) -> float:
    """The longest gap between ticks of a 1 ms timer while the stress show goes round once;
    with `trace`, the worst stalls over 8 ms are described into it."""
    running = open_show(show, size)
    running.controller.toggle_pause()
    tracer = StallTrace(running.window) if trace is not None else None
    probe = GapProbe()
    probe.start()
    for _ in range(len(show.slides)):
        target = (running.controller.currentIndex + 1) % len(show.slides)
        running.controller.next()
        wait_until(lambda target=target: running.controller.currentIndex == target, timeout=20)
        run_for(running.controller.transitionMs / 1000 + 0.3)
    longest = probe.stop()
    if tracer is not None and trace is not None:
        tracer.stop()
        trace.extend(tracer.summary())
    running.close()
    return longest


def idle_cpu(show: Show, size: QSize) -> float:
    running = open_show(show, size, start=2)
    running.controller.toggle_pause()
    run_for(2)
    percent = cpu_percent_over(10)
    running.close()
    return percent


def playing_cpu(show: Show, size: QSize, seconds: float = 30, start: int = 1) -> float:
    """CPU while the show plays by itself from the first highlight: time bar, transitions
    and count-ups, at the show's own durations."""
    running = open_show(show, size, start=start)
    percent = cpu_percent_over(seconds)
    running.close()
    return percent


def floor_figures(picture: Path, size: QSize, runs: int = 5) -> dict[str, float]:
    """First frame (median of `runs` cold starts), RSS and idle CPU of the bare window."""
    firsts, rss, idle = [], 0.0, 0.0
    for run in range(runs):
        started = time.time()
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk.tools.floor",
                str(picture),
                "--size",
                f"{size.width()}x{size.height()}",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert child.stdout is not None
            first = float(child.stdout.readline().split()[1])
            firsts.append((first - started) * 1000)
            if run == 0:
                rss = float(child.stdout.readline().split()[1])
                process = psutil.Process(child.pid)
                process.cpu_percent()
                time.sleep(10)
                idle = process.cpu_percent()
        finally:
            child.kill()
            child.wait()
    return {"first_frame_ms": statistics.median(firsts), "rss_mb": rss, "idle_cpu_percent": idle}


def memory_in_child(stress: Path | None, size: QSize, flag: str = "--memory-child") -> dict[str, float]:
    command = [
        sys.executable,
        "-m",
        "kiosk.tools.bench",
        "--size",
        f"{size.width()}x{size.height()}",
        flag,
    ]
    output = subprocess.run(
        [*command, str(stress) if stress else "growth"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def memory_child(stress: Path | None, size: QSize) -> None:
    """In a fresh process: RSS after every stress slide was shown once (with `stress`), or
    (without) RSS growth of the shipped show from 20 to 1,000 advances."""
    make_qt_app()
    if stress is not None:
        running = open_show(without_transitions(load_show(stress)[0]), size)
        running.controller.toggle_pause()
        advance_in_event_loop(running, STRESS_SLIDES)
        print(json.dumps({"rss_mb": rss_now()}))
        return
    running = open_show(without_transitions(load_show(SHIPPED_SLIDES)[0]), size)
    running.controller.toggle_pause()
    advance_in_event_loop(running, 20)
    after_20 = rss_now()
    advance_in_event_loop(running, 1000 - 20)
    print(json.dumps({"rss_growth_percent": 100 * (rss_now() - after_20) / after_20}))
