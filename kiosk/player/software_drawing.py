"""Drawing in software: one Qt setting that keeps the frames steady when there is no GPU.

Without a GPU (the offscreen platform of `render`, the tests and the benchmark, a frame-buffer
or VNC display, or `QT_QUICK_BACKEND=software`), Qt Quick paints every frame with QPainter on
the GUI thread. Qt splits large fills and blends across a pool of helper threads and waits for
them. On a small PC whose cores are busy (a decode, the hall API) the helpers are not scheduled
at once and the frame waits: fading frames of the shipped show took 10-11 ms (p50) with spikes
to 40, one thread draws them in 6 with spikes to 14-19 (render times of 24 changes offscreen;
the benchmark's figures are in docs/performance.md). `QT_NO_GUI_THREADPOOL` turns the pool off.

Not set, though it makes fading frames cheaper still: `QT_MAX_CACHED_GLYPH_SIZE` above 64. Qt
then draws no glyph larger than 64 pixels at all, and the key figures' numbers vanish (seen in
`kiosk render`; tests/player/test_software_drawing.py keeps them drawn).

With a GPU, Qt Quick draws with its own threads and the setting is not touched.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

# Qt platforms that have no GPU: Qt Quick falls back to its software renderer on them
SOFTWARE_PLATFORMS = frozenset({"offscreen", "minimal", "linuxfb", "vnc"})


def draws_in_software(environ: MutableMapping[str, str] = os.environ) -> bool:
    """True when Qt Quick will draw with QPainter: a platform without a GPU, or asked to."""
    platform = environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    return environ.get("QT_QUICK_BACKEND", "").lower() == "software" or platform in SOFTWARE_PLATFORMS


def tune_software_drawing(environ: MutableMapping[str, str] = os.environ) -> bool:
    """Before the Qt application starts: when drawing in software, one thread paints each
    frame. A value already set is kept."""
    if not draws_in_software(environ):
        return False
    environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    return True
