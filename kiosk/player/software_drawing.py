"""Drawing in software: two Qt settings that keep the frames steady when there is no GPU.

Without a GPU (the offscreen platform of `render`, the tests and the benchmark, a frame-buffer
or VNC display, or `QT_QUICK_BACKEND=software`), Qt Quick paints every frame with QPainter on
the GUI thread. Two of Qt's defaults cost that painting dearly (measured with
`python -m kiosk.bench`, docs/performance.md):

- Qt splits large fills and blends across a pool of helper threads and waits for them. On a
  small PC whose cores are busy (a decode, the hall API) the helpers are not scheduled at once
  and the frame waits: a crossfade frame took 9-10 ms with spikes to 30, one thread draws it in
  5-6 ms. `QT_NO_GUI_THREADPOOL` turns the pool off.
- Text over 64 pixels is filled as outlines on every frame instead of stamped from the glyph
  cache: titles and key figures are larger. `QT_MAX_CACHED_GLYPH_SIZE` raises the limit to the
  largest text the show draws on a 4K screen (fading frames' 95th percentile 12 -> 9 ms).

With a GPU, Qt Quick draws with its own text and threads and neither setting is touched.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

# Qt platforms that have no GPU: Qt Quick falls back to its software renderer on them
SOFTWARE_PLATFORMS = frozenset({"offscreen", "minimal", "linuxfb", "vnc"})
LARGEST_CACHED_GLYPH_PX = 256  # key figures are 104-120 pixels at 1080p, twice that at 4K


def draws_in_software(environ: MutableMapping[str, str] = os.environ) -> bool:
    """True when Qt Quick will draw with QPainter: a platform without a GPU, or asked to."""
    platform = environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    return environ.get("QT_QUICK_BACKEND", "").lower() == "software" or platform in SOFTWARE_PLATFORMS


def tune_software_drawing(environ: MutableMapping[str, str] = os.environ) -> bool:
    """Before the Qt application starts: when drawing in software, one thread paints each
    frame and large text comes from the glyph cache. A value already set is kept."""
    if not draws_in_software(environ):
        return False
    environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    environ.setdefault("QT_MAX_CACHED_GLYPH_SIZE", str(LARGEST_CACHED_GLYPH_PX))
    return True
