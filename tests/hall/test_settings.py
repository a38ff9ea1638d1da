"""Per-screen settings: screen.toml in the config folder, options that override it, and
messages with file:line for an installer who mistyped something."""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.errors import ContentError
from kiosk.hall.settings import Endpoint, check_startable, default_settings_path, load_settings

from ..helpers import REPO


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_screen_file_with_every_setting(tmp_path: Path) -> None:
    (tmp_path / "token").write_text("abc\n", encoding="utf-8")
    settings = load_settings(
        write(
            tmp_path / "screen.toml",
            """\
            name = "lobby-1"
            group = "ground"
            remote = "0.0.0.0:8701"
            token_file = "token"
            metrics_open = true
            listen = "0.0.0.0"
            control = 7000
            osc = 8000
            allow = ["10.0.0.0/24", "192.168.1.5"]
            """,
        )
    )
    assert (settings.name, settings.group) == ("lobby-1", "ground")
    assert settings.remote == Endpoint("0.0.0.0", 8701)
    assert settings.token_file == tmp_path / "token" and settings.read_token() == "abc"
    assert (settings.control, settings.osc, settings.metrics_open) == (7000, 8000, True)
    assert settings.allow == (ipaddress.ip_network("10.0.0.0/24"), ipaddress.ip_network("192.168.1.5/32"))
    assert check_startable(settings) == []


def test_mistakes_are_reported_with_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "screen.toml",
        """\
        name = "lobby-1"
        remot = "0.0.0.0:8701"
        control = "seven"
          allow = ["10.0.0.300/24"]
        """,
    )
    with pytest.raises(ContentError) as raised:
        load_settings(path)
    assert [str(problem) for problem in raised.value.problems] == [
        "screen.toml:2:1: error: remot: unknown setting 'remot' (did you mean 'remote'?)",
        "screen.toml:3:1: error: control: expected a port number 1-65535, got 'seven'",
        "screen.toml:4:3: error: allow: '10.0.0.300/24' is not an address or network (write e.g. 10.0.0.0/24)",
    ]


def test_broken_toml_points_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "screen.toml", 'name = "lobby-1"\ngroup = "ground\n')
    with pytest.raises(ContentError) as raised:
        load_settings(path)
    assert str(raised.value.problems[0]).startswith("screen.toml:2:")
    assert "not valid TOML" in str(raised.value.problems[0])


def test_the_config_folder_follows_the_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_settings_path() == tmp_path / "kiosk" / "screen.toml"
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert default_settings_path() == tmp_path / "Roaming" / "kiosk" / "screen.toml"


def test_the_command_line_reports_a_bad_settings_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path / "screen.toml", 'nmae = "x"\n')
    assert main(["--settings", str(path)]) == 2
    assert (
        "screen.toml:1:1: error: nmae: unknown setting 'nmae' (did you mean 'name'?)"
        in capsys.readouterr().err
    )


def test_listening_beyond_this_pc_without_a_token_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    write(tmp_path / "screen.toml", 'remote = "127.0.0.1:8701"\n')
    assert main(["--remote", "0.0.0.0:8701"]) == 2  # the option wins over the file
    assert "listening beyond this PC needs a token" in capsys.readouterr().err


def test_a_port_already_in_use_is_named_at_start(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                str(REPO / "main.py"),
                "--size",
                "160x90",
                "--remote",
                f"127.0.0.1:{port}",
                "--log-dir",
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)},
        )
    assert result.returncode == 2
    assert f"remote control: --remote 127.0.0.1:{port}: cannot listen there (" in result.stderr
    assert "Traceback" not in result.stderr
