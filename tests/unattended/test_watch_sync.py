"""Content delivered whole: a sync tool brings slides.yaml before the pictures it names, and
writes a big picture slowly under a temporary name. The wall keeps what it shows until
everything has arrived, never draws a placeholder, and then takes the new content once."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize

from kiosk.player.assets import SlidePreparer
from kiosk.tools.offscreen import wait_until
from kiosk.unattended.watch import (
    QUIET_SECONDS,
    SETTLE_SECONDS,
    WAIT_RETRY_SECONDS,
    WAIT_WARN_SECONDS,
    being_written,
)

from ..helpers import SMALL_SHOW, save_picture
from .test_watch import settle

NEW_SLIDES = """\
  - id: bridge
    layout: highlight
    number: 3
    title: {zh: 新的大桥, en: A new bridge}
    image: pictures/bridge.png
  - id: tunnel
    layout: highlight
    number: 4
    title: {zh: 新的隧道, en: A new tunnel}
    image: pictures/tunnel.png
"""


def png(folder: Path, color: str, size: QSize) -> bytes:
    """A picture's bytes, as the sender has them."""
    return save_picture(folder / "sender" / f"{color.lstrip('#')}.png", color, size).read_bytes()


def look_again(kiosk, clock) -> None:
    """The watcher's next look at unfinished pictures (a retry, then the settle; file events
    that arrive late start the settle again, so the manual clock moves on until it is over)."""
    clock.advance(WAIT_RETRY_SECONDS)
    for _ in range(20):
        QCoreApplication.processEvents()
        clock.advance(SETTLE_SECONDS)
        if wait_until(lambda: not kiosk.watcher.settling, timeout=2):
            QCoreApplication.processEvents()
            if not kiosk.watcher.settling:
                return
    raise AssertionError("the watcher never finished looking")


def test_being_written_knows_syncthing_and_rsync_temporary_names(tmp_path: Path) -> None:
    picture = tmp_path / "bridge.png"
    picture.write_bytes(b"old")
    assert not being_written(picture)
    for temporary in (".syncthing.bridge.png.tmp", "~syncthing~bridge.png.tmp", ".bridge.png.Xa81Qz"):
        (tmp_path / temporary).write_bytes(b"part")
        assert being_written(picture), temporary
        (tmp_path / temporary).unlink()
    (tmp_path / ".~tmp~").mkdir()
    (tmp_path / ".~tmp~" / "bridge.png").write_bytes(b"part")  # rsync --delay-updates
    assert being_written(picture)
    (tmp_path / ".~tmp~" / "bridge.png").unlink()
    (tmp_path / ".bridge.png.swp").write_bytes(b"")  # an editor's file: not a sync tool's
    assert not being_written(picture)


def test_a_simulated_sync_shows_the_new_content_once_and_complete(
    open_kiosk, small_show, small_show_file: Path, clock, qtbot, caplog
) -> None:
    caplog.set_level(logging.INFO)
    kiosk = open_kiosk(small_show, watch=True)
    pictures = small_show_file.parent / "pictures"
    reloads = []
    kiosk.watcher.reloaded.connect(reloads.append)
    failed = []
    kiosk.cache.changed.connect(
        lambda *_: failed.extend(
            path for path in kiosk.cache.cached_paths() if kiosk.cache.state(path) == "failed"
        )
    )

    # the sync tool brings slides.yaml first
    small_show_file.write_text(SMALL_SHOW + NEW_SLIDES, encoding="utf-8")
    settle(kiosk, clock)
    assert kiosk.watcher.waiting and not reloads
    assert "waits for 2 picture(s)" in caplog.text and "bridge.png (not arrived)" in caplog.text

    for _ in range(3):  # three seconds later the pictures come
        look_again(kiosk, clock)
    assert kiosk.watcher.waiting and not reloads

    # the bridge as rsync writes it: a temporary name, renamed into place when finished
    temporary = pictures / ".bridge.png.k3Vq8Z"
    temporary.write_bytes(png(small_show_file.parent.parent, "#c0a020", QSize(640, 400)))
    os.replace(temporary, pictures / "bridge.png")
    # the tunnel as Syncthing writes a big file: slowly, under .syncthing.NAME.tmp
    tunnel = pictures / "tunnel.png"
    data = png(small_show_file.parent.parent, "#20c0c0", QSize(1600, 1000))
    syncthing_temp = pictures / ".syncthing.tunnel.png.tmp"
    chunk = len(data) // 4 + 1
    for start in range(0, len(data), chunk):
        with syncthing_temp.open("ab") as partial:
            partial.write(data[start : start + chunk])
        look_again(kiosk, clock)
        assert kiosk.watcher.waiting and not reloads  # half a picture is never taken
    os.replace(syncthing_temp, tunnel)

    with qtbot.waitSignal(kiosk.watcher.reloaded, timeout=15_000):
        for _ in range(int(QUIET_SECONDS / WAIT_RETRY_SECONDS) + 3):
            look_again(kiosk, clock)
            if reloads:
                break
    assert len(reloads) == 1
    new = reloads[0]
    assert [slide.id for slide in new.slides][-2:] == ["bridge", "tunnel"]
    assert "every picture is complete" in caplog.text

    # the new content takes over at the next slide change, and every slide draws its picture
    clock.advance(10)
    assert wait_until(lambda: kiosk.controller.show is new)
    preparer = SlidePreparer(kiosk.cache)
    ready: list[int] = []
    for index, slide in enumerate(new.slides):
        preparer.prepare(new, index, lambda index=index: ready.append(index))
        assert wait_until(lambda index=index: index in ready), slide.id
        if slide.image is not None:
            assert kiosk.cache.state(slide.image) == "ready", slide.id
    QCoreApplication.processEvents()
    assert len(reloads) == 1
    assert not failed, f"pictures that would have been drawn as placeholders: {failed}"
    assert "placeholder" not in caplog.text
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_picture_that_never_comes_is_named_after_a_while_and_the_show_keeps_waiting(
    open_kiosk, small_show, small_show_file: Path, clock, caplog
) -> None:
    caplog.set_level(logging.INFO)
    kiosk = open_kiosk(small_show, watch=True)
    reloads = []
    kiosk.watcher.reloaded.connect(reloads.append)
    small_show_file.write_text(SMALL_SHOW + NEW_SLIDES, encoding="utf-8")
    settle(kiosk, clock)
    clock.advance(WAIT_WARN_SECONDS)
    settle(kiosk, clock)
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "still waits for" in warnings[0] and "pictures/bridge.png (not arrived)" in warnings[0]
    look_again(kiosk, clock)
    assert kiosk.watcher.waiting and not reloads
    assert kiosk.controller.show is small_show
