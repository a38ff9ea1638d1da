"""`kiosk hall` against three shows started on this machine, as a hall's laptop would see them.

Screens come from a hall.toml list on loopback: multicast DNS-SD is not something a test
can count on in a sandbox (see test_discovery.py for what is tried there)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ..helpers import REPO
from .conftest import ShowProcess, free_port

pytestmark = pytest.mark.slow

COMMAND_TIMEOUT_S = 60


def kiosk_hall(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "hall", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=COMMAND_TIMEOUT_S,
    )


def test_kiosk_hall_lists_every_screen(hall_of_three: tuple[Path, list[ShowProcess]]) -> None:
    hall_file, _shows = hall_of_three
    result = kiosk_hall("--hall-file", str(hall_file))
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split()[:5] == ["NAME", "GROUP", "SLIDE", "STATE", "LAST"]
    assert sorted(row.split()[0] for row in rows) == ["screen-1", "screen-2", "screen-3"]
    for row in rows:
        name, group, _slide, state, *contact = row.split()
        assert group == {"screen-1": "ground", "screen-2": "ground", "screen-3": "upper"}[name]
        assert state in ("playing", "holding", "paused") and contact[-1] == "ago"


def test_goto_gdp_moves_all_three(hall_of_three: tuple[Path, list[ShowProcess]]) -> None:
    hall_file, shows = hall_of_three
    result = kiosk_hall("goto", "gdp", "--hall-file", str(hall_file))
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == [f"screen-{n}: OK, now gdp, holding" for n in (1, 2, 3)]
    assert [shown.status()["slide"]["id"] for shown in shows] == ["gdp"] * 3


def test_a_group_only_moves_its_screens(hall_of_three: tuple[Path, list[ShowProcess]]) -> None:
    hall_file, shows = hall_of_three
    assert kiosk_hall("goto", "cover", "--hall-file", str(hall_file)).returncode == 0
    result = kiosk_hall("blackout", "on", "--group", "ground", "--hall-file", str(hall_file))
    assert result.returncode == 0, result.stderr
    assert [shown.status()["blackout"] for shown in shows] == [True, True, False]
    result = kiosk_hall("blackout", "off", "--screen", "screen-2", "--hall-file", str(hall_file))
    assert result.stdout.strip() == "screen-2: OK, now cover, holding"
    assert [shown.status()["blackout"] for shown in shows] == [True, False, False]
    kiosk_hall("blackout", "off", "--hall-file", str(hall_file))


def test_a_screen_that_does_not_answer_is_reported(
    hall_of_three: tuple[Path, list[ShowProcess]], tmp_path: Path
) -> None:
    hall_file, _shows = hall_of_three
    with_dead = tmp_path / "hall.toml"
    text = hall_file.read_text(encoding="utf-8").replace(
        'token_file = "token"', f'token_file = "{hall_file.parent / "token"}"'
    )
    with_dead.write_text(
        text + f'[[screen]]\nname = "gone"\naddress = "127.0.0.1:{free_port()}"\n', encoding="utf-8"
    )
    listing = kiosk_hall("--hall-file", str(with_dead))
    assert listing.returncode == 1
    gone = next(row for row in listing.stdout.splitlines() if row.startswith("gone"))
    assert gone.split()[2:4] == ["not", "answering"]
    moved = kiosk_hall("next", "--hall-file", str(with_dead))
    assert moved.returncode == 1 and "gone: ERR no answer" in moved.stdout


def test_targets_for_prometheus(hall_of_three: tuple[Path, list[ShowProcess]], tmp_path: Path) -> None:
    hall_file, shows = hall_of_three
    out = tmp_path / "kiosk-targets.json"
    assert kiosk_hall("targets", "--out", str(out), "--hall-file", str(hall_file)).returncode == 0
    targets = json.loads(out.read_text(encoding="utf-8"))
    assert [group["targets"] for group in targets] == [[f"127.0.0.1:{shown.port}"] for shown in shows]
    assert [group["labels"]["screen"] for group in targets] == ["screen-1", "screen-2", "screen-3"]


def test_mistakes_in_hall_toml_are_reported_with_their_lines(tmp_path: Path) -> None:
    hall_file = tmp_path / "hall.toml"
    hall_file.write_text(
        '[[screen]]\nname = "a"\naddress = "127.0.0.1:1"\n\n[[screen]]\nname = "b"\nadress = "127.0.0.1:2"\n',
        encoding="utf-8",
    )
    result = kiosk_hall("--hall-file", str(hall_file))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        'hall.toml:5:1: error: screen[1].address: missing (add address = "HOST:PORT", e.g. "10.0.0.11:8701")',
        "hall.toml:7:1: error: screen[1].adress: unknown setting 'adress' (did you mean 'address'?)",
    ]
