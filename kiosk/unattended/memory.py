"""Keeping a show that runs for months at a flat memory footprint.

Decoding pictures in worker threads leaves freed memory in glibc's per-thread arenas, where
it counts as resident until returned. A second after each slide change (outside any
transition) the show hands it back with malloc_trim. Elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

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


def release_free_memory() -> None:
    if _malloc_trim is not None:
        _malloc_trim(0)
