"""The targets, each figure beside its floor and target, and the table printed."""

from __future__ import annotations

import os
import statistics

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication

# figure: (relation, target, what the target is measured against: "" absolute, "x floor"
# a ratio to the floor's figure, "+ floor" an allowance over it)
TARGETS = {
    "first_frame_ms": ("<=", 1.15, "x floor"),
    "switch_ms_p50": ("<=", 17, ""),
    "switch_ms_p95": ("<=", 17, ""),
    "transition_fps": (">=", 50, ""),
    "still_fps": ("<=", 5, ""),
    "decode_24mp_ms": ("<=", 160, ""),
    "gui_stall_ms_max": ("<=", 17, ""),
    "idle_cpu_percent": ("<=", 0.3, ""),
    "playing_cpu_percent": ("<=", 10, ""),
    "playing_cpu_percent_5s": ("<=", 8, ""),
    "rss_mb": ("<=", 60, "+ floor"),
    "rss_growth_percent": ("<=", 3, ""),
    "api_status_ms_p95": ("<=", 5, ""),
    "gui_stall_ms_max_under_api_load": ("<=", 17, ""),
    # from the clip's last frame arriving to the next slide drawn: that frame's own 40 ms at
    # 25 fps, plus one 60 Hz refresh
    "video_switch_gap_ms_p50": ("<=", 57, ""),
    "video_switch_gap_ms_p95": ("<=", 57, ""),
    "video_playing_cpu_percent": ("<=", 60, ""),
    "video_rss_growth_percent": ("<=", 10, ""),
}


def verdict(key: str, value: float, floor: float | None) -> tuple[str, bool | None]:
    """The target as written for this run, and whether `value` meets it (None: no floor)."""
    relation, target, against = TARGETS[key]
    if against and floor is None:
        return f"{relation} {target} {against}", None
    limit = target * floor if against == "x floor" else target + floor if against == "+ floor" else target
    met = value <= limit if relation == "<=" else value >= limit
    return f"{relation} {target} {against}".strip(), met


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the runs that measured it."""
    keys = dict.fromkeys(key for run in runs for key in run)
    return {key: statistics.median(run[key] for run in runs if key in run) for key in keys}


def report(
    results: dict[str, float],
    floor: dict[str, float],
    size: QSize,
    runs: list[dict[str, float]] | None = None,
) -> dict[str, dict]:
    """Every figure judged against its target; with `runs` (the repeats that `results` is the
    median of), each figure also lists its value in every run."""
    figures = {}
    for key, value in results.items():
        floor_value = floor.get(key)
        target, met = verdict(key, value, floor_value)
        ratio = value / floor_value if floor_value else None
        figures[key] = {"value": value, "floor": floor_value, "ratio": ratio, "target": target, "met": met}
        if runs is not None and len(runs) > 1:
            figures[key]["runs"] = [round(run[key], 2) for run in runs if key in run]
    return figures


def print_table(figures: dict[str, dict], size: QSize) -> None:
    print(
        f"\nkiosk benchmark at {size.width()}x{size.height()}, {os.cpu_count()} cores, "
        f"platform {QGuiApplication.platformName()}"
    )
    print(f"{'figure':<24} {'kiosk':>9} {'floor':>9} {'ratio':>7}   target")
    for key, figure in figures.items():
        floor = f"{figure['floor']:9.1f}" if figure["floor"] is not None else f"{'-':>9}"
        ratio = f"{figure['ratio']:7.2f}" if figure["ratio"] is not None else f"{'-':>7}"
        met = {True: "ok", False: "MISSED", None: "?"}[figure["met"]]
        runs = "  runs " + " / ".join(f"{value:.1f}" for value in figure["runs"]) if "runs" in figure else ""
        print(f"{key:<24} {figure['value']:9.1f} {floor} {ratio}   {figure['target']} {met}{runs}")


def _rounded(figure: dict) -> dict:
    return {key: round(value, 2) if isinstance(value, float) else value for key, value in figure.items()}
