"""Keeping a show that runs for months at a flat memory footprint.

Decoding pictures in worker threads leaves freed memory in glibc's per-thread arenas, where
it counts as resident until returned. A second after each slide change (outside any
transition) the show hands it back with malloc_trim, in a thread of its own: trimming a large
heap can take a tenth of a second, which on the GUI thread would be a dropped frame (seen by
`bench --trace`). And pictures get memory of their own from the system, returned whole when
they are freed (`map_large_blocks`). Elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading

TRIM_DELAY_SECONDS = 1.0
M_MMAP_THRESHOLD = -3  # glibc's mallopt() parameter
LARGE_BLOCK_BYTES = 1 << 20  # a decoded picture is 1.5-8 MB at 1920x1080


def _load_libc_function(name: str):
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return getattr(libc, name)
    except (OSError, AttributeError):
        return None


_malloc_trim = _load_libc_function("malloc_trim")
_mallopt = _load_libc_function("mallopt")


def map_large_blocks() -> None:
    """Blocks of a megabyte or more (decoded pictures) are mapped from the system and returned
    to it when freed. glibc maps them too at first, but after the first such block is freed it
    raises its threshold to that block's size; later pictures then come from the decoding
    threads' arenas, which fragment as pictures of different sizes (a cover's, a highlight's)
    come and go. Seen: RSS of the shipped show 146 MB after 20 changes, 162-171 MB from 100 to
    1,000 changes; with this, 147-151 MB. Setting the threshold keeps it where it is set."""
    if _mallopt is not None:
        _mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK_BYTES)


_trimming = threading.Lock()


def release_free_memory() -> None:
    """Starts returning free memory to the system; a trim already under way is enough."""
    if _malloc_trim is not None and not _trimming.locked():
        threading.Thread(target=_trim, name="malloc_trim", daemon=True).start()


def _trim() -> None:
    with _trimming:  # ctypes lets go of the GIL for the call: the GUI thread runs on
        _malloc_trim(0)
