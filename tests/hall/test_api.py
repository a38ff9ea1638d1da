"""The screen's HTTP API over a real loopback socket: what the hall can see and do."""

from __future__ import annotations

import dataclasses
import socket
import time
from collections.abc import Callable

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.hall.api import MAX_BODY_BYTES
from kiosk.hall.settings import ScreenSettings

from .conftest import TOKEN, Remote, in_background

STATUS_FIELDS = {
    "name",
    "group",
    "version",
    "content_hash",
    "slide",
    "shown_at",
    "playback",
    "blackout",
    "language",
    "open",
    "uptime_s",
    "last_reload",
    "rss_mb",
    "warnings_logged",
    "errors_logged",
}


def share_where(image: QImage, wanted: Callable[[QColor], bool]) -> float:
    """How much of the image (sampled on a grid) has pixels for which `wanted` holds."""
    samples = [
        image.pixelColor(x, y) for x in range(0, image.width(), 8) for y in range(0, image.height(), 8)
    ]
    return sum(map(wanted, samples)) / len(samples)


def bluish(pixel: QColor) -> bool:
    return pixel.blue() > pixel.red() + 40


def reddish(pixel: QColor) -> bool:
    return pixel.red() > pixel.blue() + 60


def test_status_tells_what_is_on_screen_and_since_when(remote: Remote) -> None:
    before = time.time()
    status = remote.status()
    assert STATUS_FIELDS <= status.keys()
    assert (status["name"], status["group"]) == ("lobby-1", "ground")
    assert status["slide"] == {"id": "cover", "index": 0, "number": None, "count": 4}
    assert status["playback"] == "playing" and status["open"] and not status["blackout"]
    assert status["language"] == "zh"
    assert len(status["content_hash"]) == 12
    # shown_at is given to the millisecond, so it may round up past a clock read just after it
    assert 0 < status["shown_at"] <= before + 0.001 and round(status["shown_at"], 3) == status["shown_at"]
    assert status["rss_mb"] > 10

    moved = remote.post("goto/first").json()
    assert moved["slide"]["id"] == "first" and moved["slide"]["number"] == 1
    assert before - 0.001 <= moved["shown_at"] <= time.time() + 0.001


def test_screenshot_is_a_png_of_the_window_showing_the_current_slide(remote: Remote) -> None:
    window = remote.kiosk.window
    reply = remote.call("GET", "/api/v1/screenshot")
    assert reply.status == 200 and reply.content_type == "image/png"
    cover = QImage.fromData(reply.body, "PNG")
    ratio = window.devicePixelRatio()
    assert (cover.width(), cover.height()) == (round(window.width() * ratio), round(window.height() * ratio))
    assert share_where(cover, bluish) > 0.5 and share_where(cover, reddish) == 0  # the blue cover picture

    remote.post("goto/first")
    first = QImage.fromData(remote.call("GET", "/api/v1/screenshot").body, "PNG")
    assert share_where(first, reddish) > 0.05 and share_where(first, bluish) < 0.05


def test_screenshot_scaled_down_as_jpeg(remote: Remote) -> None:
    reply = remote.call("GET", "/api/v1/screenshot?format=jpeg&width=320")
    assert reply.status == 200 and reply.content_type == "image/jpeg"
    image = QImage.fromData(reply.body, "JPG")
    assert image.width() == 320 and abs(image.height() - 180) <= 1


def test_no_screenshot_while_the_window_is_off_the_screen(remote: Remote) -> None:
    remote.kiosk.window.hide()
    reply = remote.call("GET", "/api/v1/screenshot")
    assert reply.status == 503 and b"not on a screen" in reply.body
    remote.kiosk.window.show()
    assert remote.call("GET", "/api/v1/screenshot").status == 200


@pytest.mark.expected_warnings  # the broken reload at the end is logged as the hall would read it
def test_every_command_changes_what_status_reports(remote: Remote, small_show_file) -> None:
    assert remote.post("next").json()["slide"]["id"] == "first"
    assert remote.post("next").json()["playback"] == "holding"
    assert remote.post("previous").json()["slide"]["id"] == "first"
    assert remote.post("goto/2").json()["slide"]["id"] == "second"
    assert remote.post("goto/closing").json()["slide"]["id"] == "closing"
    assert remote.post("home").json()["slide"]["id"] == "cover"
    assert remote.post("pause").json()["playback"] == "paused"
    assert remote.post("resume").json()["playback"] == "playing"
    assert remote.post("blackout?on=true").json()["blackout"] is True
    assert remote.post("blackout?on=false").json()["blackout"] is False
    assert remote.post("language/en").json()["language"] == "en"

    hash_before = remote.status()["content_hash"]
    small_show_file.write_text(
        small_show_file.read_text(encoding="utf-8").replace("Cover title", "A new cover"), encoding="utf-8"
    )
    reloaded = remote.post("reload").json()
    assert reloaded["last_reload"]["result"] == "ok" and reloaded["content_hash"] != hash_before

    small_show_file.write_text("slides: [", encoding="utf-8")
    rejected = remote.post("reload").json()["last_reload"]
    assert rejected["result"] == "rejected" and "slides.yaml:1" in rejected["problems"][0]


def test_without_or_with_a_wrong_token_nothing_is_told_or_done(remote: Remote) -> None:
    for token in (None, "wrong-token", TOKEN + "x"):
        assert remote.call("GET", "/api/v1/status", token=token).status == 401
        assert remote.call("POST", "/api/v1/next", token=token).status == 401
        assert remote.call("GET", "/metrics", token=token).status == 401
    assert remote.kiosk.controller.currentIndex == 0
    assert remote.call("GET", "/api/v1/status").status == 200


def test_mistakes_get_clear_json_errors(remote: Remote) -> None:
    unknown = remote.post("goto/nowhere")
    assert (
        unknown.status == 404
        and "nowhere" in unknown.json()["error"]
        and "closing" in unknown.json()["error"]
    )
    assert remote.post("goto/99").status == 404
    assert remote.post("language/fr").status == 400 and "zh, en" in remote.post("language/fr").json()["error"]
    assert remote.post("blackout?on=maybe").status == 400
    assert remote.call("GET", "/api/v1/screenshot?width=-3").status == 400
    assert remote.call("GET", "/api/v1/screenshot?format=gif").status == 400
    assert remote.call("GET", "/api/v1/nothing-here").status == 404
    too_big = remote.call("POST", "/api/v1/next", body=b"x" * (MAX_BODY_BYTES + 1))
    assert too_big.status == 413 and "error" in too_big.json()
    assert remote.status()["slide"]["id"] == "cover"


def test_a_closed_hall_refuses_navigation_with_409(remote: Remote) -> None:
    remote.kiosk.controller.set_open(False)
    closed = remote.post("next")
    assert closed.status == 409 and "closed" in closed.json()["error"]
    assert remote.post("language/en").status == 200


def test_metrics_in_prometheus_text(remote: Remote) -> None:
    remote.post("next")
    text = remote.call("GET", "/metrics").body.decode()
    assert "kiosk_slides_shown_total 2.0" in text
    assert "kiosk_current_slide_index 1.0" in text
    for name in (
        "kiosk_reloads_total",
        "kiosk_uptime_seconds",
        "kiosk_resident_memory_bytes",
        "kiosk_last_frame_age_seconds",
        "kiosk_log_messages_total",
        "kiosk_open 1.0",
    ):
        assert name in text


def test_a_slow_client_does_not_hold_up_others(remote: Remote) -> None:
    with socket.create_connection(("127.0.0.1", remote.port), timeout=5) as slow:
        slow.sendall(b"GET /api/v1/status HTTP/1.1\r\nHost: x\r\n")  # and never finishes
        with socket.create_connection(("127.0.0.1", remote.port), timeout=5) as garbage:
            garbage.sendall(b"\x00\x01 not http at all\r\n\r\n")
            assert remote.status()["slide"]["id"] == "cover"
            assert in_background(lambda: garbage.recv(100)).split(b"\r\n")[0].endswith(b"400 Bad Request")


def test_metrics_can_be_opened_to_a_prometheus_without_the_token(
    open_kiosk, small_show, hall_settings: ScreenSettings
) -> None:
    remote = Remote(open_kiosk(small_show, hall=dataclasses.replace(hall_settings, metrics_open=True)))
    assert remote.call("GET", "/metrics", token=None).status == 200
    assert remote.call("GET", "/api/v1/status", token=None).status == 401
