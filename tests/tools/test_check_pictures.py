"""`kiosk check` and the wall agree on pictures: what check passes, the wall shows."""

from __future__ import annotations

import os
from pathlib import Path

import kiosk.tools.check
from kiosk.content.loader import load_show
from kiosk.tools.check import check_pictures

from ..player.test_assets import png_claiming
from ..player.test_hostile_pictures import cut_in_half, noisy_jpeg


def show_with(write_show, names: list[str]):
    slides = "".join(
        f"  - {{id: s{i}, layout: highlight, number: {i + 1}, image: pictures/{name}}}\n"
        for i, name in enumerate(names)
    )
    return load_show(write_show("slides:\n" + slides))[0]


def test_pictures_the_wall_cannot_show_are_errors(write_show, tmp_path: Path) -> None:
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    cut_in_half(noisy_jpeg(pictures / "cut.jpg"))
    cut_in_half(noisy_jpeg(pictures / "cut-progressive.jpg", progressive=True))
    png_claiming(pictures / "huge.png", 10_000, 10_000)
    os.mkfifo(pictures / "pipe.png")
    noisy_jpeg(pictures / "fine.jpg")
    show = show_with(write_show, ["cut.jpg", "cut-progressive.jpg", "huge.png", "pipe.png", "fine.jpg"])
    messages = [str(problem) for problem in check_pictures(show)]
    assert len(messages) == 4, messages
    assert "slides[0].image: cut.jpg cannot be read as a picture (the file ends early" in messages[0]
    assert (
        "slides[1].image: cut-progressive.jpg cannot be read as a picture (the file ends early" in messages[1]
    )
    assert (
        "slides[2].image: huge.png cannot be read as a picture (10000x10000 pixels is too large to show"
        in messages[2]
    )
    assert (
        "slides[3].image: pipe.png cannot be read as a picture (this is not an ordinary file" in messages[3]
    )


def test_a_picture_slow_to_decode_is_a_warning(write_show, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pictures").mkdir()
    noisy_jpeg(tmp_path / "pictures" / "fine.jpg")
    monkeypatch.setattr(kiosk.tools.check, "SLOW_DECODE_SECONDS", -1.0)
    (problem,) = check_pictures(show_with(write_show, ["fine.jpg"]))
    assert not problem.is_error
    assert problem.message.startswith("fine.jpg takes ")
    assert problem.message.endswith(" s to decode at 1920x1080")
