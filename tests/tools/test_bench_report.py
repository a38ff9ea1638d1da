"""The benchmark's verdicts: a figure is judged against its floor where the target is one, so a
run on a busy machine compares by ratio."""

from __future__ import annotations

from PySide6.QtCore import QSize

from kiosk.tools.bench.report import medians, report


def test_targets_relative_to_the_floor_are_judged_by_ratio_or_allowance() -> None:
    figures = report(
        {"first_frame_ms": 300.0, "rss_mb": 150.0, "switch_ms_p95": 12.0},
        {"first_frame_ms": 250.0, "rss_mb": 100.0},
        QSize(1920, 1080),
    )
    first = figures["first_frame_ms"]
    assert (first["ratio"], first["met"]) == (1.2, False)  # over 1.15x the bare window
    assert figures["rss_mb"]["met"] is True  # within the floor + 60 MB
    assert figures["switch_ms_p95"] == {
        "value": 12.0,
        "floor": None,
        "ratio": None,
        "target": "<= 17",
        "met": True,
    }


def test_a_floor_relative_target_without_a_floor_is_not_called_met() -> None:
    figures = report({"first_frame_ms": 300.0}, {}, QSize(1920, 1080))
    assert figures["first_frame_ms"]["met"] is None


def test_repeated_runs_are_judged_by_their_median_and_each_run_is_listed() -> None:
    runs = [{"switch_ms_p95": 12.0, "rss_mb": 150.0}, {"switch_ms_p95": 30.0}, {"switch_ms_p95": 14.0}]
    figures = report(medians(runs), {}, QSize(1920, 1080), runs)
    assert figures["switch_ms_p95"]["value"] == 14.0 and figures["switch_ms_p95"]["met"] is True
    assert figures["switch_ms_p95"]["runs"] == [12.0, 30.0, 14.0]
    assert figures["rss_mb"]["runs"] == [150.0]  # measured in one run only
