"""The command line against an unkind hall: no screen, silly sizes and limits, and a picture
that never answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import cli

from .helpers import REPO, SMALL_SHOW, save_picture


def run_kiosk(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 120):
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
    )


@pytest.fixture
def show_file(tmp_path: Path) -> Path:
    for name, color in (("blue", "#2050c0"), ("red", "#c02020"), ("green", "#20a040")):
        save_picture(tmp_path / "pictures" / f"{name}.png", color)
    path = tmp_path / "slides.yaml"
    path.write_text(SMALL_SHOW, encoding="utf-8")
    return path


def test_check_and_render_need_no_screen(show_file: Path, tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    checked = run_kiosk("check", str(show_file), "--size", "960x540", env=env)
    assert checked.returncode in (0, 1, 2), checked.stderr[-1500:]  # not 134: Qt found no platform
    assert "slides.yaml: " in checked.stdout and " error(s), " in checked.stdout
    rendered = run_kiosk(
        "render", str(show_file), "--out", str(tmp_path / "png"), "--slide", "cover", env=env
    )
    assert rendered.returncode == 0, rendered.stderr[-1500:]
    assert (tmp_path / "png").is_dir() and list((tmp_path / "png").glob("*.png"))


@pytest.mark.parametrize("size", ["99999x99999", "00x00", "50x9000"])
def test_render_refuses_sizes_it_cannot_draw(size: str, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.render_parser().parse_args(["--out", "x", "--size", size])
    assert caught.value.code == 2
    assert "each side must be 100 to 8192 pixels" in capsys.readouterr().err


@pytest.mark.parametrize("seconds", ["3", "0", "-1", "nan", "soon"])
def test_a_heartbeat_limit_below_two_beats_is_refused(seconds: str, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.supervise_parser().parse_known_args(["--heartbeat-seconds", seconds])
    assert caught.value.code == 2
    assert "--heartbeat-seconds" in capsys.readouterr().err


def test_a_sensible_heartbeat_limit_is_kept() -> None:
    options, rest = cli.supervise_parser().parse_known_args(["--heartbeat-seconds", "12", "slides.yaml"])
    assert options.heartbeat_seconds == 12 and rest == ["slides.yaml"]


def test_a_picture_that_never_answers_does_not_hang_the_selftest(show_file: Path, tmp_path: Path) -> None:
    red = show_file.parent / "pictures" / "red.png"
    red.unlink()
    os.mkfifo(red)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = run_kiosk(
        str(show_file), "--selftest", "1", "--log-dir", str(tmp_path / "logs"), env=env, timeout=90
    )
    assert result.returncode == 1, result.stdout + result.stderr[-1500:]
    assert "selftest: FAILED: first: picture red.png: this is not an ordinary file" in result.stdout
