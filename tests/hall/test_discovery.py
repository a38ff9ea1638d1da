"""DNS-SD: a screen with its API on is found by `kiosk hall` without any list. Multicast works
on this machine's loopback; a machine without multicast must use hall.toml (test_fleet.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.content.model import Show
from kiosk.hall.discovery import browse
from kiosk.hall.fleet import hall_command
from kiosk.hall.settings import ScreenSettings

from .conftest import in_background

pytestmark = pytest.mark.slow

BROWSE_S = 3.0


def test_a_screen_advertises_itself_and_kiosk_hall_finds_it(
    open_kiosk,
    small_show: Show,
    hall_settings: ScreenSettings,
    token_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    name = f"discovery-{tmp_path.name}"
    kiosk = open_kiosk(small_show, hall=dataclasses.replace(hall_settings, name=name, advertise=True))
    found = [screen for screen in in_background(lambda: browse(BROWSE_S)) if screen.name == name]
    assert len(found) == 1
    assert found[0].group == "ground" and found[0].address.port == kiosk.agent.api_port

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # no hall.toml: look on the network
    code = in_background(lambda: hall_command(["--token-file", str(token_file), "--screen", name]))
    listing = capsys.readouterr().out.splitlines()
    assert code == 0
    assert listing[1].split()[:4] == [name, "ground", "cover", "playing"]
