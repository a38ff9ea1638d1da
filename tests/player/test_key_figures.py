"""Key figures as the wall draws them: each language's own amount, grouped the way that
language writes numbers, counting up to exactly that text, the unit on the number's line."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize

from kiosk.content.loader import load_show
from kiosk.player.slidemodel import SlideModel
from kiosk.tools.offscreen import items_named, settle_on, wait_until

SHOW = """\
show: {languages: [zh, en]}
slides:
  - id: money
    layout: highlight
    number: 1
    title: {zh: 投资, en: Investment}
    figures:
      - value: {zh: 3709.7, en: 370.97}
        unit: {zh: 亿元, en: billion yuan}
        label: {zh: 完成投资, en: invested}
      - value: {zh: 44.84, en: 448400}
        unit: {zh: 万人, en: visitors}
        label: {zh: 接待游客, en: drawn}
      - {value: 1031, unit: {zh: 个, en: towns and subdistricts}, label: {zh: 镇街, en: all online}}
"""


def texts_of(kiosk, name: str) -> list[str]:
    (slide,) = items_named(kiosk.window.contentItem(), "slide-money")
    return [item.property("text") for item in items_named(slide, name) if item.isVisible()]


def test_the_figures_role_gives_each_language_its_amount_and_grouping(write_show) -> None:
    show, _ = load_show(write_show(SHOW))
    model = SlideModel(show, "en")
    money, _, towns = model.value(show.slides[0], "figures")
    assert (money["value"], money["decimals"], money["grouping"]) == (370.97, 2, ",")
    assert money["unit"] == "billion yuan"
    model.set_language("zh")
    money, _, towns = model.value(show.slides[0], "figures")
    assert (money["value"], money["decimals"], money["grouping"], money["unit"]) == (3709.7, 1, "", "亿元")
    assert (towns["value"], towns["decimals"]) == (1031, 0)


def test_english_visitors_read_grouped_amounts_after_the_count_up(open_kiosk, write_show) -> None:
    show, _ = load_show(write_show(SHOW))
    kiosk = open_kiosk(show, size=QSize(1920, 1080), language="en")
    settle_on(kiosk, 0)
    assert wait_until(lambda: texts_of(kiosk, "value") == ["370.97", "448,400", "1,031"], timeout=5)
    kiosk.controller.set_language("zh")
    assert wait_until(lambda: texts_of(kiosk, "value") == ["3709.7", "44.84", "1031"], timeout=5)


def test_every_unit_sits_on_its_numbers_line_even_a_long_one(open_kiosk, write_show) -> None:
    show, _ = load_show(write_show(SHOW))
    for size in (QSize(1920, 1080), QSize(1080, 1920)):
        kiosk = open_kiosk(show, size=size, language="en", animate=False)
        settle_on(kiosk, 0)
        (slide,) = items_named(kiosk.window.contentItem(), "slide-money")
        values = [item for item in items_named(slide, "value") if item.isVisible()]
        units = [item for item in items_named(slide, "unit") if item.isVisible()]
        assert len(units) == 3
        for value, unit in zip(values, units, strict=True):
            number, beside = rect(value), rect(unit)
            assert beside.left() >= number.left() + value.property("contentWidth") - 1
            assert abs(beside.bottom() - number.bottom()) < number.height() / 2
            assert not unit.property("truncated")
        assert len({round(rect(value).bottom()) for value in values}) == 1  # one baseline per row
        kiosk.close()


def rect(item) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
