"""A screen that comes back at another size: the pictures on hand are decoded again for it,
and the one on the wall stays up until its new decode is ready."""

from __future__ import annotations

from PySide6.QtCore import QSize

from kiosk.tools.offscreen import wait_until


def shown_image(kiosk, path):
    url = kiosk.cache.url(path)
    return kiosk.cache.image(int(url.rsplit("/", 1)[1])) if url else None


def test_a_new_window_size_decodes_the_pictures_again_for_it(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, size=QSize(160, 100))
    cover = small_show.slides[0].image
    assert wait_until(lambda: shown_image(kiosk, cover).size() == QSize(160, 100))  # 320x200 on disk
    decodes = kiosk.cache.decodes_run
    old_url = kiosk.cache.url(cover)

    kiosk.window.resize(QSize(80, 50))  # a preview window made smaller
    assert wait_until(lambda: kiosk.window.size() == QSize(80, 50))
    assert kiosk.cache.url(cover) == old_url, "the old decode stays on the wall meanwhile"
    assert wait_until(lambda: kiosk.cache.url(cover) != old_url)
    assert shown_image(kiosk, cover).size() == QSize(80, 50)
    assert kiosk.cache.decodes_run > decodes


def test_a_full_screen_window_that_changes_size_lays_out_and_decodes_for_the_new_size(
    open_kiosk, small_show
) -> None:
    kiosk = open_kiosk(small_show, size=None)  # full screen on the offscreen screen
    assert kiosk.full_screen
    cover = small_show.slides[0].image
    screen = kiosk.window.screen().size()
    assert kiosk.style.size == kiosk.window.size()
    smaller = QSize(screen.width() // 2, screen.height() // 2)
    # what a new resolution does to the window (offscreen, only a normal window can be resized)
    kiosk.window.showNormal()
    kiosk.window.resize(smaller)
    assert wait_until(lambda: kiosk.style.size == smaller), "text is laid out for the new size"
    assert kiosk.cache.box == smaller * kiosk.window.devicePixelRatio()
    assert wait_until(lambda: shown_image(kiosk, cover).size().width() <= smaller.width())


def test_a_window_of_a_chosen_size_keeps_that_size_for_pictures_not_yet_placed(
    open_kiosk, small_show
) -> None:
    kiosk = open_kiosk(small_show, size=QSize(160, 100))
    kiosk.window.resize(QSize(80, 50))
    assert wait_until(lambda: kiosk.window.size() == QSize(80, 50))
    assert kiosk.cache.box == QSize(160, 100) * kiosk.window.devicePixelRatio()
