"""Keeping a show that runs for months at a flat memory footprint.

Decoding pictures in worker threads leaves freed memory in glibc's per-thread arenas, where
it counts as resident until returned. A second after each slide change (outside any
transition) the show hands it back with malloc_trim, in a thread of its own: trimming a large
heap can take a tenth of a second, which on the GUI thread would be a dropped frame (seen by
`bench --trace`). Elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading

TRIM_DELAY_SECONDS = 1.0


def _load_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


_malloc_trim = _load_trim()


_trimming = threading.Lock()


def release_free_memory() -> None:
    """Starts returning free memory to the system; a trim already under way is enough."""
    if _malloc_trim is not None and not _trimming.locked():
        threading.Thread(target=_trim, name="malloc_trim", daemon=True).start()


def _trim() -> None:
    with _trimming:  # ctypes lets go of the GIL for the call: the GUI thread runs on
        _malloc_trim(0)
