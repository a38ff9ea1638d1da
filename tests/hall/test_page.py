"""The hall page in a real browser: headless Chromium shows a tile per screen with its
screenshot, and a button on a tile moves that screen's show."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..helpers import REPO
from .browser import Browser, chromium_or_skip
from .conftest import ShowProcess, free_port, http

pytestmark = pytest.mark.slow

PAGE_TIMEOUT_S = 40.0


@pytest.fixture
def hall_page(hall_of_three: tuple[Path, list[ShowProcess]], tmp_path: Path):
    """The page server for the three shows and a fourth screen that never answers."""
    three, shows = hall_of_three
    hall_file = tmp_path / "hall.toml"
    text = three.read_text(encoding="utf-8").replace('"token"', f'"{three.parent / "token"}"')
    hall_file.write_text(
        text + f'[[screen]]\nname = "gone"\naddress = "127.0.0.1:{free_port()}"\n', encoding="utf-8"
    )
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "main.py"),
            "hall",
            "serve",
            "--hall-file",
            str(hall_file),
            "--listen",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout.readline().startswith("hall page on http://127.0.0.1:")
        yield f"http://127.0.0.1:{port}/", shows
    finally:
        server.terminate()
        server.wait(10)


def test_tiles_with_screenshots_a_red_tile_and_a_button_that_moves_a_show(hall_page, tmp_path: Path) -> None:
    executable = chromium_or_skip()
    url, shows = hall_page
    for shown in shows:
        http(shown.port, "POST", "/api/v1/home")
    before = {shown.name: shown.status()["slide"]["index"] for shown in shows}

    async def story() -> None:
        browser = Browser(executable, tmp_path / "profile", url)
        try:
            await browser.connect()
            await browser.wait_for(
                "[...document.querySelectorAll('.tile:not(.down) img.shot')]"
                ".filter(img => img.complete && img.naturalWidth > 0).length === 3",
                PAGE_TIMEOUT_S,
            )
            names = await browser.evaluate("[...document.querySelectorAll('.tile')].map(t => t.dataset.name)")
            assert sorted(names) == ["gone", "screen-1", "screen-2", "screen-3"]
            widths = await browser.evaluate(
                "[...document.querySelectorAll('.tile:not(.down) img.shot')].map(i => i.naturalWidth)"
            )
            assert widths == [480, 480, 480]  # each screen's own 480x270 frame
            down = await browser.evaluate(
                "[...document.querySelectorAll('.tile.down')].map(t => [t.dataset.name,"
                " getComputedStyle(t).borderTopColor, t.querySelector('.state').textContent])"
            )
            assert down == [["gone", "rgb(208, 48, 48)", "not answering"]]
            await browser.screenshot(tmp_path / "hall-page.png")

            await browser.click('.tile[data-name="screen-2"] button[data-verb="next"]')
            await browser.wait_for(
                "document.querySelector('.tile[data-name=\"screen-2\"] .answer').textContent.startsWith('next: OK')",
                PAGE_TIMEOUT_S,
            )
        finally:
            await browser.close()

    asyncio.run(story())
    after = {shown.name: shown.status()["slide"]["index"] for shown in shows}
    assert after["screen-2"] == before["screen-2"] + 1
    assert shows[1].status()["playback"] == "holding"
    assert time.time() - shows[1].status()["shown_at"] < PAGE_TIMEOUT_S
