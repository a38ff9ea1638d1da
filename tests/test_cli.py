"""The command line as a curator or installer meets it: readable messages and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content.schema import with_modeline

from .helpers import REPO


def run_main(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd,
    )


def test_a_broken_show_file_prints_every_problem_and_exits_with_status_2(write_show) -> None:
    path = write_show(
        """\
        show:
          advance_seconds: soon
        slides:
          - id: one
            layout: highlight
            figures:
              - {value: abc}
        """
    )
    result = run_main(str(path))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "slides.yaml:2:20: error: show.advance_seconds: expected a number, got 'soon' (write digits, e.g. 12 or 3709.7)",
        "slides.yaml:7:17: error: slides[0].figures[0].value: expected a number, got 'abc' "
        "(write digits, e.g. 12 or 3709.7)",
    ]
    assert "Traceback" not in result.stderr + result.stdout


def test_a_missing_file_or_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    for target in (tmp_path / "nope.yaml", tmp_path):
        result = run_main(str(target))
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1


def test_an_unknown_start_slide_names_the_ones_there_are(small_show_file: Path) -> None:
    result = run_main(str(small_show_file), "--start", "nowhere")
    assert result.returncode == 2
    assert "ids: cover, first, second, closing" in result.stderr
    result = run_main(str(small_show_file), "--lang", "fr")
    assert result.returncode == 2
    assert "the show has zh, en" in result.stderr


def test_check_on_the_shipped_show_is_clean(tmp_path: Path) -> None:
    result = run_main("check", "--strict")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("slides.yaml: 0 error(s), 0 warning(s)")


def test_check_exit_codes_say_errors_warnings_or_clean(write_show) -> None:
    warned = write_show("slides:\n  - {id: a, layout: cover, title: {zh: 只有中文}}\n")
    assert run_main("check", str(warned), "--size", "640x360").returncode == 0
    strict = run_main("check", str(warned), "--size", "640x360", "--strict")
    assert strict.returncode == 1
    assert "warning: slides[0].title: no en text" in strict.stdout
    broken = write_show("slides:\n  - {id: a, layout: sideways}\n", name="broken.yaml")
    assert run_main("check", str(broken)).returncode == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.yaml", b"", "the file is empty"),
        ("latin1.yaml", b"slides:\n  - id: caf\xe9\n", "the file is not UTF-8 text"),
        ("deep.yaml", b"slides: " + b"[" * 100_000, "nested far too deeply"),
        (
            "bomb.yaml",
            b"a: &a [x, x]\n" + b"".join(b"a%d: &a%d [*a, *a]\n" % (i, i) for i in range(40)),
            "unknown key",
        ),
        ("huge.yaml", b"#" * (50 * 1024 * 1024), "the file is 52.4 MB"),
    ],
)
def test_check_turns_bad_input_into_one_message_and_status_2(tmp_path: Path, name, content, message) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run_main("check", str(path))
    assert result.returncode == 2
    assert message in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_on_a_folder_says_so(tmp_path: Path) -> None:
    result = run_main("check", str(tmp_path))
    assert result.returncode == 2
    assert "this is a folder, not a show file" in result.stdout


def test_render_writes_the_slides_and_lists_them(small_show_file: Path, tmp_path: Path) -> None:
    result = run_main("render", str(small_show_file), "--out", str(tmp_path / "png"), "--size", "640x360")
    assert result.returncode == 0, result.stderr
    assert [Path(line).name for line in result.stdout.splitlines()] == [
        "01-cover.png",
        "02-first.png",
        "03-second.png",
        "04-closing.png",
        "overview.png",
    ]
    assert (tmp_path / "png" / "contact-sheet.png").exists()
    bad = run_main("render", str(small_show_file), "--out", str(tmp_path), "--slide", "nope")
    assert bad.returncode == 2
    assert "no slide has that id" in bad.stderr


def test_selftest_passes_on_the_shipped_show_and_names_a_broken_picture(
    small_show_file: Path, tmp_path
) -> None:
    good = run_main("--selftest", "0", "--log-dir", str(tmp_path))
    assert good.returncode == 0, good.stderr[-2000:]
    assert "selftest: OK: all 12 slides drawn" in good.stdout
    (small_show_file.parent / "pictures" / "green.png").write_bytes(b"broken")
    bad = run_main(str(small_show_file), "--selftest", "0", "--log-dir", str(tmp_path))
    assert bad.returncode == 1
    assert "selftest: FAILED: second: picture green.png" in bad.stdout


def run_without_display(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **env},
    )


def test_with_no_display_the_show_says_so_in_one_line_and_exits_with_its_own_status(tmp_path: Path) -> None:
    result = run_without_display("--log-dir", str(tmp_path))
    assert result.returncode == 69
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(
        "kiosk: there is no display to show on (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    )
    assert "Installing on a display PC" in line


def test_when_the_display_cannot_be_reached_qt_advice_to_reinstall_never_reaches_the_user(
    tmp_path: Path,
) -> None:
    result = run_without_display("--log-dir", str(tmp_path), DISPLAY=":4242", QT_QPA_PLATFORM="xcb")
    assert result.returncode == 69, result.stderr[-2000:]
    output = result.stdout + result.stderr
    assert "Reinstalling" not in output and "Traceback" not in output
    assert result.stderr.splitlines()[-1].startswith(
        "kiosk: there is no display to show on (Qt could not start its display plugin: "
    )


def test_check_and_render_need_no_display(tmp_path: Path, write_show) -> None:
    show = write_show("slides:\n  - {id: a, layout: cover, title: {zh: 只有中文}}\n")
    checked = run_without_display("check", str(show), "--size", "640x360")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "slides.yaml: 0 error(s), 1 warning(s)" in checked.stdout  # the missing English text
    out = tmp_path / "png"
    drawn = run_without_display("render", str(show), "--slide", "a", "--out", str(out))
    assert drawn.returncode == 0, drawn.stderr
    assert (out / "01-a.png").exists()


def test_with_no_show_named_a_slides_yaml_here_is_used_else_the_shipped_show(
    small_show_file: Path, tmp_path
) -> None:
    here = run_main(
        "render", "--slide", "cover", "--size", "640x360", "--out", "png", cwd=small_show_file.parent
    )
    assert here.returncode == 0, here.stderr
    assert f"no show file named; using {small_show_file}" in here.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    shipped = run_main("render", "--slide", "gdp", "--size", "640x360", "--out", "png", cwd=empty)
    assert shipped.returncode == 0, shipped.stderr
    assert "no slides.yaml here; using the shipped show" in shipped.stderr
    assert [Path(line).name for line in shipped.stdout.splitlines()] == ["04-gdp.png"]


def test_init_writes_a_show_that_check_passes_and_never_writes_over_one(tmp_path: Path) -> None:
    made = run_main("init", str(tmp_path / "new"))
    assert made.returncode == 0, made.stderr
    slides = tmp_path / "new" / "slides.yaml"
    assert sorted(p.name for p in (tmp_path / "new" / "assets" / "images").iterdir()) == [
        "00-cover.svg",
        "03-gdp.svg",
        "11-closing.svg",
    ]
    checked = run_main("check", str(slides), "--strict")
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.startswith("slides.yaml: 0 error(s), 0 warning(s)")
    # the curator's editor finds the schema from the first line: keys completed and described
    assert (
        slides.read_text(encoding="utf-8").splitlines()[0]
        == "# yaml-language-server: $schema=slides.schema.json"
    )
    schema = json.loads((tmp_path / "new" / "slides.schema.json").read_text(encoding="utf-8"))
    assert "slides" in schema["properties"]
    slides.write_text(slides.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    again = run_main("init", str(tmp_path / "new"))
    assert again.returncode == 2
    assert "already there; nothing was written" in again.stderr
    assert slides.read_text(encoding="utf-8").endswith("# my edits\n")


def test_init_example_copies_the_shipped_show_with_all_its_pictures(tmp_path: Path) -> None:
    made = run_main("init", "--example", str(tmp_path / "copy"))
    assert made.returncode == 0, made.stderr
    copy = tmp_path / "copy"
    shipped = (REPO / "slides.yaml").read_text(encoding="utf-8")
    assert (copy / "slides.yaml").read_text(encoding="utf-8") == with_modeline(shipped)
    assert len(list((copy / "assets" / "images").iterdir())) == 12
    checked = run_main("check", str(copy / "slides.yaml"), "--size", "1920x1080")
    assert checked.returncode == 0, checked.stdout


def test_render_in_both_languages_and_check_for_a_small_screen(small_show_file: Path, tmp_path: Path) -> None:
    result = run_main(
        "render", str(small_show_file), "--out", str(tmp_path), "--slide", "first", "--language-mode", "both"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "02-first.png").exists()
    wrong = run_main("render", str(small_show_file), "--out", str(tmp_path), "--language-mode", "all")
    assert wrong.returncode == 2 and "invalid choice: 'all'" in wrong.stderr
    text = small_show_file.read_text(encoding="utf-8")
    small_show_file.write_text(
        text.replace("show:\n", 'show:\n  link: "https://example.org/a"\n', 1), "utf-8"
    )
    small = run_main("check", str(small_show_file), "--size", "1920x1080", "--screen-inches", "8")
    assert small.returncode == 2
    assert "show.link: the QR code is too small to scan at 1920x1080 (zh)" in small.stdout
