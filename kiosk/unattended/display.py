"""Is there a display to show on? Asked before Qt starts, so a display PC booted without its
graphical session gets one plain sentence instead of Qt's advice to reinstall, and the
supervisor can wait for the display instead of restarting the show in a loop.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

NO_DISPLAY_MESSAGE = (
    "kiosk: there is no display to show on{detail}; start kiosk from the graphical session on the "
    "display PC, or see 'Installing on a display PC' in the README (cage runs it with no desktop)"
)

# Qt platforms that need no display server: they draw into memory or straight to the hardware
HEADLESS_OR_DIRECT = ("offscreen", "minimal", "eglfs", "linuxfb", "vnc", "vkkhrdisplay")


def display_missing(env: Mapping[str, str], platform: str = sys.platform) -> str:
    """Why the show cannot open a window here, or '' when it can (as far as can be told
    without starting Qt). Only Linux and the BSDs need a display server named in the
    environment; Windows and macOS always have their own."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ""
    requested = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if requested.startswith(HEADLESS_OR_DIRECT):
        return ""
    if requested.startswith("wayland"):
        return "" if env.get("WAYLAND_DISPLAY") else "WAYLAND_DISPLAY is not set"
    if requested.startswith("xcb"):
        return "" if env.get("DISPLAY") else "DISPLAY is not set"
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return ""
    return "neither DISPLAY nor WAYLAND_DISPLAY is set"


def no_display_message(detail: str = "") -> str:
    return NO_DISPLAY_MESSAGE.format(detail=f" ({detail})" if detail else "")
