"""The overview as a visitor uses it: opened with O, the menu key, a pinch or a tap on the
strip; arrows and taps pick a slide; left alone, it closes and the show plays on."""

from __future__ import annotations

import textwrap

import pytest
from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from kiosk.content.loader import load_show
from kiosk.player.overview import lay_out
from kiosk.tools.offscreen import items_named, wait_until
from kiosk.tools.sizes import DEFAULT_SIZES

Key = Qt.Key


def press(kiosk, key) -> None:
    QTest.keyClick(kiosk.window, key)
    assert wait_until(lambda: not kiosk.controller.settling)


def tap(kiosk, point: QPointF) -> None:
    device = QTest.createTouchDevice()
    at = point.toPoint()
    QTest.touchEvent(kiosk.window, device).press(0, at).commit()
    QTest.touchEvent(kiosk.window, device).release(0, at).commit()
    assert wait_until(lambda: not kiosk.controller.settling)


def pinch(kiosk, start_gap: int, end_gap: int) -> None:
    """Two fingers around the middle of the screen, from `start_gap` apart to `end_gap`."""
    device = QTest.createTouchDevice()
    middle = QPoint(kiosk.window.width() // 2, kiosk.window.height() // 2)
    left = lambda gap: middle - QPoint(gap // 2, 0)  # noqa: E731
    right = lambda gap: middle + QPoint(gap // 2, 0)  # noqa: E731
    QTest.touchEvent(kiosk.window, device).press(0, left(start_gap)).press(1, right(start_gap)).commit()
    QTest.touchEvent(kiosk.window, device).move(0, left(end_gap)).move(1, right(end_gap)).commit()
    QTest.touchEvent(kiosk.window, device).release(0, left(end_gap)).release(1, right(end_gap)).commit()


def cell_centre(kiosk, index: int) -> QPointF:
    return kiosk.overview.grid.cell(index).center()


@pytest.mark.parametrize("key", [Key.Key_O, Key.Key_Menu], ids=["O", "menu key"])
def test_o_or_the_remotes_menu_key_opens_the_grid_on_the_current_slide(open_kiosk, small_show, key) -> None:
    kiosk = open_kiosk(small_show, start_index=2)
    press(kiosk, key)
    assert kiosk.overview.open
    assert kiosk.overview.selected == 2
    assert not kiosk.controller.playing  # the show waits while the visitor chooses
    (grid,) = items_named(kiosk.window.contentItem(), "overview")
    assert wait_until(lambda: grid.opacity() == 1)


def test_arrows_move_the_selection_and_return_opens_that_slide(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, QSize(1920, 1080))
    press(kiosk, Key.Key_O)
    columns = kiosk.overview.grid.columns
    assert columns >= 2
    press(kiosk, Key.Key_Right)
    assert kiosk.overview.selected == 1
    press(kiosk, Key.Key_Left)
    press(kiosk, Key.Key_Left)  # from the first it wraps to the last
    assert kiosk.overview.selected == 3
    press(kiosk, Key.Key_Home)
    press(kiosk, Key.Key_Down)
    assert kiosk.overview.selected == (columns if columns < 4 else 0)
    press(kiosk, Key.Key_End)
    press(kiosk, Key.Key_Left)
    assert kiosk.overview.selected == 2
    assert kiosk.controller.currentIndex == 0  # moving the selection shows nothing yet
    (grid,) = items_named(kiosk.window.contentItem(), "overview")
    assert wait_until(lambda: grid.opacity() == 1)
    rings = [items_named(grid, f"cell-{i}")[0] for i in range(4)]
    lit = [i for i, cell in enumerate(rings) if items_named(cell, "selection")[0].isVisible()]
    assert lit == [2]  # the ring is on the selected thumbnail only
    press(kiosk, Key.Key_Return)
    assert not kiosk.overview.open
    assert kiosk.controller.currentIndex == 2


def test_o_again_or_escape_closes_it_where_the_show_was(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, start_index=1)
    for close in (Key.Key_O, Key.Key_Escape):
        press(kiosk, Key.Key_O)
        press(kiosk, Key.Key_Right)
        press(kiosk, close)
        assert not kiosk.overview.open
        assert kiosk.controller.currentIndex == 1


def test_a_number_key_in_the_grid_opens_that_highlight(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show)
    press(kiosk, Key.Key_O)
    press(kiosk, Key.Key_2)
    assert not kiosk.overview.open
    assert kiosk.controller.highlightNumber == 2


def test_a_tap_on_the_progress_strip_opens_it_and_a_tap_on_a_thumbnail_shows_that_slide(
    open_kiosk, small_show
) -> None:
    kiosk = open_kiosk(small_show, QSize(1280, 720))
    strip = QPointF(kiosk.window.width() / 2, kiosk.window.height() - 10)
    tap(kiosk, strip)
    assert kiosk.overview.open
    assert kiosk.controller.currentIndex == 0  # the tap did not also turn the page
    tap(kiosk, cell_centre(kiosk, 3))
    assert not kiosk.overview.open
    assert kiosk.controller.currentIndex == 3
    assert kiosk.overview.selected == 3


def test_a_tap_between_thumbnails_keeps_the_grid_open(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, QSize(1280, 720))
    press(kiosk, Key.Key_O)
    tap(kiosk, QPointF(5, 5))
    assert kiosk.overview.open
    assert kiosk.controller.currentIndex == 0


def test_a_pinch_in_opens_the_grid_and_spreading_the_fingers_closes_it(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, start_index=1)
    pinch(kiosk, 400, 380)  # barely moved: not a pinch
    assert not kiosk.overview.open
    assert kiosk.controller.currentIndex == 1  # nor a tap or a swipe
    pinch(kiosk, 400, 120)
    assert kiosk.overview.open
    assert kiosk.overview.selected == 1
    pinch(kiosk, 120, 400)
    assert not kiosk.overview.open
    assert kiosk.controller.currentIndex == 1


def test_left_alone_it_closes_and_the_show_plays_on(open_kiosk, small_show, clock) -> None:
    kiosk = open_kiosk(small_show, start_index=1)
    idle = small_show.idle_resume_seconds
    press(kiosk, Key.Key_O)
    clock.advance(idle - 5)
    press(kiosk, Key.Key_Right)  # someone is still choosing: the countdown starts again
    clock.advance(idle - 1)
    assert kiosk.overview.open
    assert kiosk.controller.currentIndex == 1  # nothing advanced under the grid
    clock.advance(1)
    assert not kiosk.overview.open
    assert kiosk.controller.playing
    assert kiosk.controller.currentIndex == 1
    clock.advance(small_show.duration_of(1))
    assert wait_until(lambda: kiosk.controller.currentIndex == 2)


def test_thumbnails_are_taken_from_the_slides_once_they_have_been_shown(
    open_kiosk, small_show, clock, qtbot
) -> None:
    kiosk = open_kiosk(small_show, QSize(1280, 720), start_index=1)
    taken: list[int] = []
    kiosk.overview.captureRequested.connect(taken.append)
    clock.advance(1)
    assert taken == []  # not while the figures still count up
    with qtbot.waitSignal(kiosk.window.frameSwapped, timeout=2000):
        clock.advance(1)  # taken in the next frame
    press(kiosk, Key.Key_Right)
    with qtbot.waitSignal(kiosk.window.frameSwapped, timeout=2000):
        clock.advance(2)
    press(kiosk, Key.Key_Left)
    clock.advance(2)  # slide 1 again: its thumbnail is kept, not taken twice
    assert taken == [1, 2]
    press(kiosk, Key.Key_O)
    (grid,) = items_named(kiosk.window.contentItem(), "overview")
    assert wait_until(lambda: grid.opacity() == 1)
    frame = QImage(kiosk.window.grabWindow())
    grid = kiosk.overview.grid

    def colours(index: int) -> set[int]:
        box = grid.cell(index).toRect()
        width, height = round(grid.thumb_width), round(grid.thumb_height)
        return {
            frame.pixel(box.x() + x, box.y() + y) for x in range(2, width, 3) for y in range(2, height, 3)
        }

    assert len(colours(2)) > 20, "the thumbnail of a slide that was shown is drawn from its view"
    assert len(colours(3)) < 10, "a slide not yet shown has a plain tile with its number"


def test_a_new_language_takes_the_thumbnail_again_in_it(open_kiosk, small_show, clock) -> None:
    kiosk = open_kiosk(small_show, QSize(1280, 720), start_index=1)
    clock.advance(2)  # settled: the thumbnail is taken (in Chinese)
    (grid,) = items_named(kiosk.window.contentItem(), "overview")

    def thumbnail() -> QImage:
        box = kiosk.overview.grid.cell(1).toRect()
        size = QSize(round(kiosk.overview.grid.thumb_width), round(kiosk.overview.grid.thumb_height))
        return QImage(kiosk.window.grabWindow()).copy(box.x(), box.y(), size.width(), size.height())

    def drawn(image: QImage) -> bool:
        return (
            len({image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)})
            > 20
        )

    press(kiosk, Key.Key_O)
    assert wait_until(lambda: grid.opacity() == 1)
    chinese = QImage()
    assert wait_until(lambda: drawn(chinese := thumbnail()) and chinese == thumbnail(), timeout=5)
    chinese = thumbnail()
    press(kiosk, Key.Key_O)
    press(kiosk, Key.Key_L)
    clock.advance(2)  # taken again, in English
    press(kiosk, Key.Key_O)
    assert wait_until(lambda: grid.opacity() == 1)
    assert wait_until(lambda: drawn(thumbnail()) and thumbnail() != chinese, timeout=5), (
        "the thumbnail shows the slide in the new language"
    )


def test_a_swipe_over_the_grid_turns_no_page(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, QSize(1280, 720), start_index=1)
    press(kiosk, Key.Key_O)
    device = QTest.createTouchDevice()
    QTest.touchEvent(kiosk.window, device).press(0, QPoint(900, 300)).commit()
    QTest.touchEvent(kiosk.window, device).move(0, QPoint(400, 300)).commit()
    QTest.touchEvent(kiosk.window, device).release(0, QPoint(400, 300)).commit()
    assert kiosk.overview.open
    assert kiosk.controller.currentIndex == 1


SHOW_OF = """\
show:
  languages: [zh, en]
slides:
{slides}
"""
LONG_TITLES = (
    {
        "zh": "“一号工程”其势正成 “双城共进”其兴可待",
        "en": 'The "Number One Project" takes hold as the twin cities rise together',
    },
    {
        "zh": "纵深推进文旅融合“诗和远方”走向质变",
        "en": "Culture and tourism, deeply merged: poetry and faraway places become real",
    },
)


def many_slides(count: int) -> str:
    items = []
    for i in range(count):
        title = LONG_TITLES[i % 2]
        items.append(
            f"""  - id: s{i}
    layout: highlight
    number: {i + 1}
    title: {{zh: "{title["zh"]}", en: '{title["en"]}'}}"""
        )
    return SHOW_OF.format(slides="\n".join(items))


@pytest.mark.parametrize("count", [12, 20, 30])
def test_the_grid_puts_every_slide_on_the_screen_at_every_size(count) -> None:
    for size in DEFAULT_SIZES:
        unit = min(size.width(), size.height()) / 1080
        grid = lay_out(count, size.width(), size.height(), unit, 88 * unit)
        screen = (0, 0, size.width(), size.height())
        for index in range(count):
            cell = grid.cell(index)
            assert cell.left() >= screen[0] and cell.top() >= screen[1]
            assert cell.right() <= screen[2] and cell.bottom() <= screen[3], (size, count, index)
        assert grid.index_at(grid.cell(count - 1).center()) == count - 1


@pytest.mark.parametrize("count", [12, 30])
def test_check_finds_no_clipped_title_in_a_grid_of_many_long_titles(write_show, show_font, count) -> None:
    from kiosk.tools.check import check_layout

    show = load_show(write_show(textwrap.dedent(many_slides(count))))[0]
    problems = [str(p) for p in check_layout(show, DEFAULT_SIZES) if "overview" in p.message]
    assert problems == []


def test_check_reports_a_title_too_long_for_the_grid(write_show, show_font) -> None:
    from kiosk.tools.check import check_layout

    text = (
        many_slides(30)
        .replace("The first", "x")
        .replace(
            "Culture and tourism, deeply merged: poetry and faraway places become real",
            "Culture and tourism " * 12,
        )
    )
    show = load_show(write_show(text))[0]
    problems = [str(p) for p in check_layout(show, (QSize(1920, 1080),)) if "overview" in p.message]
    assert any(
        "slides[1].title: the text does not fit its box at" in p and "1920x1080 (en, overview)" in p
        for p in problems
    ), problems
