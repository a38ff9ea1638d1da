"""Installing as a new user would, with no CJK font on the system: the built wheel in a fresh
venv, run from an empty folder, and the one-folder bundle run with no Python on PATH. Both
build for real, so they are marked slow (`-m "not slow"` leaves them out)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.tools.xserver import xvfb

from .helpers import REPO

pytestmark = pytest.mark.slow

NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{empty}</dir><cachedir>{cache}</cachedir></fontconfig>
"""


@pytest.fixture(scope="module")
def no_system_fonts(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fontconfig setup that finds no font at all: only what kiosk brings can draw text,
    even on a developer machine that has CJK fonts installed."""
    folder = tmp_path_factory.mktemp("fontconfig")
    (folder / "empty").mkdir()
    conf = folder / "fonts.conf"
    conf.write_text(NO_FONTS.format(empty=folder / "empty", cache=folder / "cache"), encoding="utf-8")
    return str(conf)


def clean_env(home: Path, fonts_conf: str, path: str, **extra: str) -> dict[str, str]:
    """A new user's shell: no project venv on PATH or in the environment, no system fonts."""
    return {"PATH": path, "HOME": str(home), "FONTCONFIG_FILE": fonts_conf, "LANG": "C.UTF-8", **extra}


def run(command: list[str], env: dict[str, str], cwd: Path, timeout: float = 180):
    return subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


def title_ink(png: Path) -> int:
    """Pixels of the theme's light text colour in the title band, left of the picture."""
    image = QImage(str(png))
    top, bottom = round(0.08 * image.height()), round(0.22 * image.height())
    return sum(
        1
        for y in range(top, bottom, 2)
        for x in range(0, round(0.7 * image.width()), 2)
        if min(image.pixelColor(x, y).getRgb()[:3]) > 200
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build`: the sdist, and the wheel built from it (no network: --no-isolation
    uses the hatchling of the test extra)."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return out


def test_the_sdist_and_the_wheel_carry_the_show_its_pictures_fonts_and_views(dist: Path) -> None:
    (wheel,) = dist.glob("kiosk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kiosk/shipped/slides.yaml" in names
    assert {
        "kiosk/shipped/assets/fonts/NotoSansCJKsc-Regular.otf",
        "kiosk/shipped/assets/fonts/OFL.txt",
    } <= names
    assert len([name for name in names if name.startswith("kiosk/shipped/assets/images/")]) == 12
    assert "kiosk/player/qml/Kiosk/Main.qml" in names
    (sdist,) = dist.glob("kiosk-*.tar.gz")
    sdist_names = {name.split("/", 1)[1] for name in tarfile.open(sdist).getnames() if "/" in name}
    assert {"slides.yaml", "assets/fonts/NotoSansCJKsc-Bold.otf", "pyproject.toml"} <= sdist_names


@pytest.fixture(scope="module")
def fresh_venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with the wheel installed. Its dependencies (PySide6 is 100+ MB) come from
    this test run's own environment through a .pth file instead of the network; `pip check`
    then proves the wheel's declared requirements are met by them."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    (purelib / "kiosk-test-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    (wheel,) = dist.glob("kiosk-*.whl")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run([*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True, timeout=300)
    checked = subprocess.run([*pip, "check"], capture_output=True, text=True, timeout=120, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    return venv


def test_the_wheel_in_a_fresh_venv_plays_draws_chinese_and_starts_new_shows_from_an_empty_folder(
    fresh_venv: Path, no_system_fonts: str, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    env = clean_env(
        tmp_path, no_system_fonts, f"{fresh_venv / 'bin'}:/usr/bin:/bin", QT_QPA_PLATFORM="offscreen"
    )
    where = run(["python", "-c", "import kiosk; print(kiosk.__file__)"], env, empty)
    assert where.stdout.startswith(str(fresh_venv)), where.stdout + where.stderr

    selftest = run(["kiosk", "--selftest", "10", "--log-dir", str(tmp_path / "logs")], env, empty)
    assert selftest.returncode == 0, selftest.stderr[-2000:]
    assert "selftest: OK: all 12 slides drawn" in selftest.stdout
    assert "using the shipped show" in selftest.stderr

    drawn = run(["kiosk", "render", "--slide", "gdp", "--out", "D"], env, empty)
    assert drawn.returncode == 0, drawn.stderr[-2000:]
    # the Chinese title drawn in the bundled font: about 6000 such pixels; empty boxes make 1000
    assert title_ink(empty / "D" / "04-gdp.png") > 3000

    glyphs = run(["kiosk", "check"], env, empty)
    assert glyphs.returncode == 0, glyphs.stdout[-2000:]  # no character without a glyph
    assert glyphs.stdout.startswith("slides.yaml: 0 error(s)")

    started = run(["kiosk", "init", "D2"], env, empty)
    assert started.returncode == 0, started.stderr
    checked = run(["kiosk", "check", "D2/slides.yaml"], env, empty)
    assert checked.returncode == 0, checked.stdout[-2000:]


@pytest.fixture
def x_server() -> Iterator[str]:
    """An Xvfb display (the bundle is judged the way a display PC runs it: xcb, not offscreen)."""
    if not Path("/usr/bin/Xvfb").exists():
        if not os.environ.get("CI"):
            pytest.skip("needs Xvfb (apt-get install xvfb)")
        pytest.fail(".ci/run must install xvfb")
    with xvfb((1280, 720)) as display:
        yield display


def test_the_one_folder_bundle_runs_every_subcommand_with_no_python_on_path(
    tmp_path: Path, x_server: str, no_system_fonts: str
) -> None:
    out = tmp_path / "bundle"
    built = subprocess.run(
        [sys.executable, str(REPO / "deploy" / "bundle.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-3000:]
    kiosk = str(out / "kiosk" / "kiosk")
    work = tmp_path / "work"
    work.mkdir()
    env = clean_env(tmp_path, no_system_fonts, "/usr/bin:/bin", DISPLAY=x_server)

    selftest = run([kiosk, "--selftest", "10", "--log-dir", str(tmp_path / "logs")], env, work)
    assert selftest.returncode == 0, selftest.stderr[-3000:]
    assert "selftest: OK: all 12 slides drawn" in selftest.stdout

    supervised = run([kiosk, "supervise", "--selftest", "2", "--log-dir", str(tmp_path / "logs")], env, work)
    assert supervised.returncode == 0, supervised.stderr[-3000:]
    assert "selftest: OK" in supervised.stdout

    assert run([kiosk, "init", "show"], env, work).returncode == 0
    checked = run([kiosk, "check", "show/slides.yaml"], env, work)
    assert checked.returncode == 0, checked.stdout[-2000:]
    drawn = run([kiosk, "render", "--slide", "gdp", "--out", "png"], env, work)  # the shipped show
    assert drawn.returncode == 0, drawn.stderr[-2000:]
    assert title_ink(work / "png" / "04-gdp.png") > 3000
