"""The autostart files an installer copies (systemd watching the show, the others its supervisor), and\nthe display PC with no desktop: the real show booted under cage, judged by a screenshot."""

from __future__ import annotations

import configparser
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from PySide6.QtGui import QImage

from .helpers import REAL_SLIDES, REPO

DEPLOY = REPO / "deploy"


def test_the_systemd_service_is_the_watchdog_and_restarts_but_not_after_a_clean_quit() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(DEPLOY / "kiosk.service")
    service = unit["Service"]
    assert "supervise" not in service["ExecStart"]  # systemd watches the show itself
    assert service["Type"] == "notify" and service["NotifyAccess"] == "main"
    assert int(service["WatchdogSec"]) >= 10  # two of the show's WATCHDOG=1 at least
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


CAGE_UNIT = DEPLOY / "cage" / "kiosk-cage.service"
CAGE_USER = "kiosk-cage-test"
SIZE = "1280x720"  # wlroots' headless output
KIOSK = [sys.executable, "-m", "kiosk"]


def test_the_cage_unit_boots_tty1_into_the_supervised_show_as_an_ordinary_user() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(CAGE_UNIT)
    service = unit["Service"]
    assert service["User"] == "kiosk"
    assert service["TTYPath"] == "/dev/tty1"
    assert service["PAMName"] == "login"
    assert "getty@tty1.service" in unit["Unit"]["Conflicts"]
    command = service["ExecStart"].split()
    assert command[0].endswith("/cage") and "-s" in command  # -s: Ctrl+Alt+F2 reaches a console
    assert command[command.index("--") + 1 :] == ["/opt/kiosk/kiosk", "supervise"]
    assert service["Restart"] == "on-failure"  # Ctrl+Shift+Q (status 0) leaves the console free
    installer = (DEPLOY / "cage" / "install.sh").read_text(encoding="utf-8")
    assert "useradd" in installer and "systemctl enable kiosk-cage.service" in installer


def cage_tools_missing() -> list[str]:
    tools = ["cage", "grim"] + (["setpriv", "useradd"] if os.geteuid() == 0 else [])
    return [tool for tool in tools if shutil.which(tool) is None]


def cage_or_skip(reason: str) -> None:
    if not os.environ.get("CI"):
        pytest.skip(reason)
    pytest.fail(f"{reason} (.ci/run must make this work)")


def as_ordinary_user(runtime: Path) -> list[str]:
    """cage refuses to run as root. As root, run it as a test user that may read the project
    wherever CI cloned it (CAP_DAC_READ_SEARCH, nothing else; it cannot become root again)."""
    if os.geteuid() != 0:
        return []
    if subprocess.run(["id", CAGE_USER], capture_output=True, check=False).returncode != 0:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", CAGE_USER], check=True
        )
    shutil.chown(runtime, CAGE_USER, CAGE_USER)
    return [
        "setpriv",
        f"--reuid={CAGE_USER}",
        f"--regid={CAGE_USER}",
        "--clear-groups",
        "--inh-caps=+dac_read_search",
        "--ambient-caps=+dac_read_search",
    ]


def mean_difference(a: QImage, b: QImage) -> float:
    """Mean difference per colour channel (0-255) over a grid of sampled pixels."""
    total = count = 0
    for y in range(0, a.height(), 6):
        for x in range(0, a.width(), 6):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            total += abs(p.red() - q.red()) + abs(p.green() - q.green()) + abs(p.blue() - q.blue())
            count += 3
    return total / count


@contextmanager
def traversable_for_others(path: Path) -> Iterator[None]:
    """Folders above `path` that others cannot pass through (CI may clone into a 0700 temp
    folder) are opened to them (o+x) while the test user runs the show, then closed again.
    CAP_DAC_READ_SEARCH is not enough: Qt looks for its plugins with access(2), which checks
    the user's own rights."""
    opened = []
    if os.geteuid() == 0:
        for folder in [path, *path.parents]:
            mode = folder.stat().st_mode
            if not mode & stat.S_IXOTH:
                folder.chmod(mode | stat.S_IXOTH)
                opened.append((folder, mode))
    try:
        yield
    finally:
        for folder, mode in opened:
            folder.chmod(mode)


BOOT_TRIES = 5
SAME_PICTURE = 6  # mean difference per channel (0-255) between the screen and `kiosk render`


@pytest.mark.slow
def test_the_show_boots_under_cage_without_a_desktop_and_shows_the_cover(tmp_path: Path) -> None:
    """Under cage's headless backend (pixman) about half the boots stop drawing partway through
    the cover's first fade (2 of 4 on 2026-11-27; cause not found: a display PC's compositor has
    not been seen to do it), so a boot is tried up to five times; one must show the cover as
    `kiosk render` draws it."""
    failures = []
    with traversable_for_others(REPO):
        for attempt in range(BOOT_TRIES):
            best, output = boot_under_cage_and_compare(tmp_path / f"boot-{attempt}")
            if best < SAME_PICTURE:
                return
            failures.append(f"boot {attempt + 1}: screen differs by {best:.1f}\n{output[-1500:]}")
    pytest.fail("the cover never showed under cage:\n" + "\n".join(failures))


def cover_only_show(folder: Path) -> Path:
    """The shipped show's cover alone, so the screen holds it however slowly cage's software
    renderer and the show start (with the whole show the cover may have faded by then)."""
    shipped = yaml.safe_load(REAL_SLIDES.read_text(encoding="utf-8"))
    shipped["slides"] = shipped["slides"][:1]
    picture = REAL_SLIDES.parent / shipped["slides"][0]["image"]
    (folder / picture.relative_to(REAL_SLIDES.parent)).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(picture, folder / picture.relative_to(REAL_SLIDES.parent))
    path = folder / "slides.yaml"
    path.write_text(yaml.safe_dump(shipped, allow_unicode=True), encoding="utf-8")
    return path


def boot_under_cage_and_compare(tmp_path: Path) -> tuple[float, str]:
    """Boots the cover-only show under cage as an ordinary user: the closest a screenshot came
    to `kiosk render`'s picture of the cover (mean difference per channel), and cage's output."""
    missing = cage_tools_missing()
    if missing:
        cage_or_skip(f"needs {', '.join(missing)} (apt-get install cage grim xwayland)")
    tmp_path.mkdir(parents=True, exist_ok=True)
    slides = cover_only_show(tmp_path)
    tmp_path.chmod(0o755)
    expected_png = tmp_path / "expected"
    subprocess.run(
        [*KIOSK, "render", str(slides), "--slide", "cover", "--size", SIZE, "--out", str(expected_png)],
        check=True,
        capture_output=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    expected = QImage(str(expected_png / "01-cover.png"))
    runtime = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    runtime.chmod(0o700)
    session = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(runtime),
        "XDG_RUNTIME_DIR": str(runtime),
        "WLR_BACKENDS": "headless",
        "WLR_RENDERER": "pixman",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "QT_QPA_PLATFORM": "wayland",
    }
    show = [*KIOSK, "supervise", "--log-dir", str(runtime / "logs"), str(slides)]
    command = [*as_ordinary_user(runtime), "env", "-i", *(f"{k}={v}" for k, v in session.items())]
    cage = subprocess.Popen(
        [*command, "cage", "--", *show],
        cwd=runtime,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    shot = runtime / "shot.png"
    best = float("inf")
    display_seen = False
    try:
        for _ in range(60):  # the cover stays 14 s; under software rendering it takes a few to come up
            time.sleep(1)
            if cage.poll() is not None:
                break
            sockets = sorted(runtime.glob("wayland-[0-9]"))
            if not sockets:
                continue
            display_seen = True
            grab = subprocess.run(
                ["grim", str(shot)],
                env={**session, "WAYLAND_DISPLAY": sockets[0].name},
                capture_output=True,
                check=False,
                timeout=30,
            )
            if grab.returncode == 0:
                best = min(best, mean_difference(QImage(str(shot)), expected))
                if best < SAME_PICTURE:
                    break
    finally:
        if cage.poll() is None:
            os.killpg(cage.pid, signal.SIGTERM)
        output = cage.communicate(timeout=30)[0].decode(errors="replace")
        shutil.rmtree(runtime, ignore_errors=True)
    if not display_seen:
        cage_or_skip(f"cage did not start a display here:\n{output[-2000:]}")
    return best, output
