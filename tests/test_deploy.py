"""The autostart files an installer copies: each starts the show through its supervisor."""

from __future__ import annotations

import configparser
from xml.etree import ElementTree

from .helpers import REPO

DEPLOY = REPO / "deploy"


def test_the_systemd_service_restarts_the_supervisor_but_not_after_a_clean_quit() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(DEPLOY / "kiosk.service")
    service = unit["Service"]
    assert "kiosk supervise" in service["ExecStart"]
    assert service["Restart"] == "always"
    assert service["RestartPreventExitStatus"] == "0"
    assert unit["Unit"]["After"] == "graphical-session.target"


def test_the_xdg_autostart_entry_runs_the_supervisor() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(DEPLOY / "kiosk.desktop")
    assert 'kiosk" supervise' in entry["Desktop Entry"]["Exec"]


def test_the_windows_task_starts_at_logon_through_the_supervisor() -> None:
    namespace = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    task = ElementTree.parse(DEPLOY / "kiosk-task.xml").getroot()
    assert task.find("t:Triggers/t:LogonTrigger", namespace) is not None
    assert task.find("t:Actions/t:Exec/t:Arguments", namespace).text.startswith("supervise ")
    assert task.find("t:Settings/t:RestartOnFailure", namespace) is not None
