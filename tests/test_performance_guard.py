"""The mechanisms behind the benchmark's figures, checked without timing anything: slide views
are built once and kept, the show creates no QML objects while it loops, and nothing is drawn
while it is paused, blacked out or closed."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QSize
from PySide6.QtQuick import QQuickItem
from shiboken6 import getCppPointer

from kiosk.tools.offscreen import wait_until

from .test_app import frames_during


def all_items(item: QQuickItem) -> list[QQuickItem]:
    found = [item]
    for child in item.childItems():
        found.extend(all_items(child))
    return found


def object_count(kiosk) -> int:
    """Every visual item and every QObject the window's scene holds."""
    root = kiosk.window.contentItem()
    return len(all_items(root)) + len(kiosk.window.findChildren(QObject))


def slide_views(kiosk) -> list[QQuickItem]:
    return [item for item in all_items(kiosk.window.contentItem()) if item.objectName().startswith("slide-")]


def layout_of(view: QQuickItem) -> QQuickItem | None:
    """The layout (title, highlight, video) the view's Loader built, if it has."""
    (loader,) = [child for child in view.childItems() if child.metaObject().className() == "QQuickLoader"]
    return loader.property("item")


def slide_view_addresses(kiosk) -> dict[str, tuple[int, int]]:
    """Each view and the layout inside it, by where they live in memory."""
    return {
        view.objectName(): (getCppPointer(view)[0], getCppPointer(layout_of(view))[0])
        for view in slide_views(kiosk)
    }


def go_round(kiosk, clock, times: int = 2) -> None:
    count = len(kiosk.controller.show.slides)
    for _ in range(times * count):
        target = (kiosk.controller.currentIndex + 1) % count
        kiosk.controller.next()
        assert wait_until(lambda target=target: kiosk.controller.currentIndex == target)
        clock.advance(1)
        frames_during(kiosk, 0.05)


def test_every_slide_view_is_built_once_and_kept_while_the_show_loops(open_kiosk, small_show, clock) -> None:
    kiosk = open_kiosk(replace(small_show, transition="crossfade"), size=QSize(640, 360))
    # the first frame needs the first slide alone; the others are built after it, unasked
    assert wait_until(lambda: all(layout_of(view) is not None for view in slide_views(kiosk)))
    before = slide_view_addresses(kiosk)
    assert len(before) == len(small_show.slides)
    go_round(kiosk, clock)
    assert slide_view_addresses(kiosk) == before


def test_the_show_creates_no_qml_objects_while_it_loops(open_kiosk, small_show, clock) -> None:
    kiosk = open_kiosk(small_show, size=QSize(640, 360))
    go_round(kiosk, clock, times=1)  # every slide, its figures and pictures seen once
    settled = object_count(kiosk)
    go_round(kiosk, clock, times=2)
    assert object_count(kiosk) == settled


def test_nothing_is_drawn_while_paused(open_kiosk, small_show, clock) -> None:
    kiosk = open_kiosk(small_show, start_index=1)
    kiosk.controller.toggle_pause()
    clock.advance(2)  # one-shot work after a slide change is done
    frames_during(kiosk, 2.0)  # the count-up finishes
    assert frames_during(kiosk, 0.5) == 0
    assert clock.pending_count == 0
