"""The slides as QML reads them: one row per slide, every text in the language on screen, and
the picture's state following the decoder."""

from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex

from kiosk.content.fields import fields_of_kind
from kiosk.content.model import Slide
from kiosk.player.slidemodel import ROLES, SlideModel


def role_value(model: SlideModel, row: int, name: str):
    role = next(role for role, role_name in model.roleNames().items() if bytes(role_name) == name.encode())
    return model.data(model.index(row), role)


def test_each_slide_is_a_row_with_its_texts_in_the_language_on_screen(small_show) -> None:
    model = SlideModel(small_show, "zh")
    assert model.rowCount() == len(small_show.slides)
    assert role_value(model, 1, "title") == "第一个亮点"
    assert role_value(model, 1, "number") == 1
    assert role_value(model, 1, "figures")[0]["unit"] == "亿元"
    assert role_value(model, 0, "layout") == "cover"


def test_switching_language_changes_every_text_and_tells_the_views(small_show, qtbot) -> None:
    model = SlideModel(small_show, "zh")
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        model.set_language("en")
    assert role_value(model, 1, "title") == "The first highlight"
    assert role_value(model, 1, "figures")[1]["label"] == "rated good"
    assert role_value(model, 2, "figures")[0]["label"] == "汽车产量"  # one text serves every language


def test_a_picture_becomes_visible_when_its_decode_finishes(small_show, qtbot) -> None:
    class Pictures:
        state_now = "loading"

        def url(self, path) -> str:
            return "image://slides/1" if self.state_now == "ready" else ""

        def state(self, path) -> str:
            return self.state_now

    pictures = Pictures()
    model = SlideModel(small_show, "zh", pictures)
    assert role_value(model, 1, "imageState") == "loading" and role_value(model, 1, "imageUrl") == ""
    pictures.state_now = "ready"
    with qtbot.waitSignal(model.dataChanged, timeout=1000, check_params_cb=lambda top, *_: top.row() == 1):
        model.image_changed(small_show.slides[1].image)
    assert role_value(model, 1, "imageUrl") == "image://slides/1"
    assert role_value(model, 3, "imageState") == "none"  # the closing slide has no picture


def test_every_text_field_of_a_slide_reaches_qml_and_rows_past_the_end_are_empty(small_show) -> None:
    assert set(fields_of_kind(Slide, "text")) <= set(ROLES)
    model = SlideModel(small_show, "zh")
    assert model.data(model.index(99), 1) is None
    assert model.rowCount(QPersistentModelIndex(model.index(0))) == 0
