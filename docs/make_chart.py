"""Draws docs/performance.png from the benchmark's JSON files: one group of bars per figure,
kiosk and floor in each platform, and reveal.js where it was measured.

    pip install -e ".[docs]"
    python -m kiosk.bench --json docs/bench-offscreen.json
    python -m kiosk.bench --platform xcb --json docs/bench-xcb.json
    python docs/make_chart.py
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

DOCS = Path(__file__).resolve().parent
RUNS = (
    ("offscreen", DOCS / "bench-offscreen.json"),
    ("Xvfb", DOCS / "bench-xcb.json"),
)  # Xvfb: a real window
# figure in the bench's JSON -> the same figure in docs/revealjs-results.json
REVEAL = {
    "first_frame_ms": "launch_to_first_slide_ms",
    "switch_ms_p95": "switch_ms_p95",
    "idle_cpu_percent": "idle_cpu_percent",
    "playing_cpu_percent_5s": "playing_cpu_percent",
    "rss_mb": "rss_mb_total",
}
SHOWN = (
    "first_frame_ms",
    "switch_ms_p95",
    "gui_stall_ms_max",
    "playing_cpu_percent",
    "playing_cpu_percent_5s",
    "rss_mb",
)


def main() -> None:
    runs = [
        (name, json.loads(path.read_text(encoding="utf-8"))["figures"])
        for name, path in RUNS
        if path.exists()
    ]
    reveal = json.loads((DOCS / "revealjs-results.json").read_text(encoding="utf-8"))
    figure, axes = plt.subplots(1, len(SHOWN), figsize=(3.6 * len(SHOWN), 4.2))
    for axis, key in zip(axes, SHOWN, strict=True):
        labels, values, colours = [], [], []
        for name, figures in runs:
            if key in figures:
                labels.append(f"kiosk\n{name}")
                values.append(figures[key]["value"])
                colours.append("#f2b84b")
                if figures[key]["floor"] is not None:
                    labels.append(f"floor\n{name}")
                    values.append(figures[key]["floor"])
                    colours.append("#8899aa")
        if key in REVEAL:
            labels.append("reveal.js\nChromium")
            values.append(reveal[REVEAL[key]])
            colours.append("#c05040")
        axis.bar(range(len(values)), values, color=colours)
        axis.set_xticks(range(len(values)), labels, fontsize=7)
        axis.set_title(key, fontsize=9)
        for x, value in enumerate(values):
            axis.annotate(f"{value:.1f}", (x, value), ha="center", va="bottom", fontsize=7)
    figure.suptitle("kiosk performance (lower is better): kiosk, the bare-window floor, reveal.js")
    figure.tight_layout()
    figure.savefig(DOCS / "performance.png", dpi=110)


if __name__ == "__main__":
    main()
