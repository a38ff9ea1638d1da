"""Each record of slides.yaml is described once, in the model's field tables: the loader, the
README and the views all follow them, so a new field cannot be half added."""

from __future__ import annotations

import pytest

from kiosk.content.errors import ContentError
from kiosk.content.fields import keys_of
from kiosk.content.loader import load_show
from kiosk.content.model import Slide
from kiosk.tools import format_table


def test_the_readme_lists_every_key_as_the_field_tables_describe_it() -> None:
    readme = format_table.README.read_text(encoding="utf-8")
    assert format_table.readme_with_table(readme) == readme, (
        "README's key table is out of date: run python -m kiosk.tools.format_table --write"
    )


def test_a_key_unlike_any_other_is_answered_with_the_keys_a_slide_allows(write_show) -> None:
    path = write_show(
        """\
        slides:
          - id: a
            layout: cover
            zzzzzz: 1
        """
    )
    with pytest.raises(ContentError) as error:
        load_show(path)
    (problem,) = error.value.problems
    assert problem.hint == "allowed: " + ", ".join(keys_of(Slide))
    assert (problem.line, problem.column) == (4, 5)


def test_every_text_of_a_slide_is_checked_for_reading_time_and_glyphs(small_show) -> None:
    first = small_show.slides[1]
    assert set(first.texts()) >= {"title", "subtitle", "summary", "caption", "note"}
    assert "figures[0].unit" in first.texts()
