"""The two recipes that keep one content folder in step on every screen of a hall: Syncthing
(send-only on the curator's PC, receive-only on the screens) and a git pull on a timer
(systemd on Linux, Task Scheduler on Windows)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from .helpers import REPO

RECIPES = REPO / "deploy" / "content-sync"
DEVICE = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"


def needs(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing (install it in .ci/run)")
        pytest.skip(f"{tool} is not installed")
    return path


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=60, cwd=cwd, check=False
    )


def test_syncthing_makes_the_curators_folder_send_only_and_shares_it_with_each_screen(tmp_path) -> None:
    folder = tmp_path / "show"
    done = run("bash", RECIPES / "syncthing-setup.sh", "--dry-run", "curator", folder, DEVICE, DEVICE[::-1])
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"syncthing cli config folders add --id kiosk-show --label Kiosk\\ show --path {folder}" in lines
    assert "syncthing cli config folders kiosk-show type set sendonly" in lines
    shares = [
        line for line in lines if line.startswith("syncthing cli config folders kiosk-show devices add")
    ]
    assert len(shares) == 2
    assert any(".stignore" in line for line in lines)
    assert not folder.exists()  # a dry run changes nothing


def test_syncthing_makes_a_screens_folder_receive_only_from_the_curator(tmp_path) -> None:
    done = run("bash", RECIPES / "syncthing-setup.sh", "--dry-run", "screen", tmp_path / "show", DEVICE)
    assert done.returncode == 0, done.stderr
    assert "syncthing cli config folders kiosk-show type set receiveonly" in done.stdout.splitlines()
    two = run("bash", RECIPES / "syncthing-setup.sh", "--dry-run", "screen", tmp_path, DEVICE, DEVICE)
    assert two.returncode == 2 and "one PC" in two.stderr
    wrong = run("bash", RECIPES / "syncthing-setup.sh", "--dry-run", "projector", tmp_path, DEVICE)
    assert wrong.returncode == 2 and "Usage" in wrong.stderr


def test_the_ignore_list_keeps_editors_files_and_git_off_the_screens() -> None:
    patterns = [
        line
        for line in (RECIPES / "stignore").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("//")
    ]
    assert {"*.swp", ".git", "(?d)Thumbs.db"} <= set(patterns)


def git(*arguments: str | Path) -> str:
    done = run("git", "-c", "user.name=Curator", "-c", "user.email=curator@hall.invalid", *arguments)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def hall_repository(tmp_path: Path) -> tuple[Path, Path]:
    """The curator's repository and a screen's clone of it."""
    needs("git")
    curator = tmp_path / "curator"
    curator.mkdir()
    git("-C", curator, "init", "-q", "-b", "main")
    (curator / "slides.yaml").write_text("slides: []\n", encoding="utf-8")
    git("-C", curator, "add", ".")
    git("-C", curator, "commit", "-q", "-m", "first")
    screen = tmp_path / "screen"
    git("clone", "-q", curator, screen)
    return curator, screen


def test_the_git_pull_brings_the_screen_up_to_date_and_a_dry_run_does_not(hall_repository) -> None:
    needs("flock")
    curator, screen = hall_repository
    (curator / "slides.yaml").write_text("slides: [new]\n", encoding="utf-8")
    git("-C", curator, "commit", "-q", "-am", "new content")
    dry = run("bash", RECIPES / "kiosk-content-pull.sh", "--dry-run", screen)
    assert dry.returncode == 0, dry.stderr
    assert "merge --ff-only" in dry.stdout
    assert (screen / "slides.yaml").read_text(encoding="utf-8") == "slides: []\n"
    done = run("bash", RECIPES / "kiosk-content-pull.sh", screen)
    assert done.returncode == 0, done.stderr
    assert (screen / "slides.yaml").read_text(encoding="utf-8") == "slides: [new]\n"
    assert "content updated" in done.stderr
    again = run("bash", RECIPES / "kiosk-content-pull.sh", screen)
    assert again.returncode == 0 and "content updated" not in again.stderr


def test_a_screen_with_changes_of_its_own_is_reported_not_merged(hall_repository) -> None:
    needs("flock")
    curator, screen = hall_repository
    (screen / "slides.yaml").write_text("slides: [edited on the screen]\n", encoding="utf-8")
    git("-C", screen, "commit", "-q", "-am", "local")
    (curator / "slides.yaml").write_text("slides: [new]\n", encoding="utf-8")
    git("-C", curator, "commit", "-q", "-am", "new content")
    done = run("bash", RECIPES / "kiosk-content-pull.sh", screen)
    assert done.returncode != 0
    assert (screen / "slides.yaml").read_text(encoding="utf-8") == "slides: [edited on the screen]\n"


def test_the_systemd_timer_pulls_every_two_minutes_and_the_units_are_valid(tmp_path) -> None:
    timer = configparser.ConfigParser(strict=False, interpolation=None)
    timer.read(RECIPES / "kiosk-content-pull.timer")
    assert timer["Timer"]["OnUnitActiveSec"] == "2min"
    assert timer["Install"]["WantedBy"] == "timers.target"
    service = configparser.ConfigParser(strict=False, interpolation=None)
    service.read(RECIPES / "kiosk-content-pull.service")
    assert service["Service"]["Type"] == "oneshot"
    assert "kiosk-content-pull.sh" in service["Service"]["ExecStart"]
    analyze = needs("systemd-analyze")
    # the installed paths (%h/kiosk/...) point at this checkout, so verify can find the script
    for name in ("kiosk-content-pull.service", "kiosk-content-pull.timer"):
        text = (RECIPES / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("%h/kiosk/", f"{REPO}/"), encoding="utf-8")
    done = run(analyze, "verify", "kiosk-content-pull.service", "kiosk-content-pull.timer", cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_the_windows_task_runs_the_pull_script_every_two_minutes() -> None:
    namespace = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    task = ElementTree.parse(RECIPES / "kiosk-content-pull-task.xml").getroot()
    assert task.find("t:Triggers/t:BootTrigger/t:Repetition/t:Interval", namespace).text == "PT2M"
    assert task.find("t:Settings/t:MultipleInstancesPolicy", namespace).text == "IgnoreNew"
    arguments = task.find("t:Actions/t:Exec/t:Arguments", namespace).text
    assert "-File C:\\kiosk\\deploy\\content-sync\\kiosk-content-pull.ps1" in arguments
    script = (RECIPES / "kiosk-content-pull.ps1").read_text(encoding="utf-8")
    assert '"merge", "--ff-only"' in script and "[switch]$DryRun" in script
