"""Show control from the hall's control system: text lines over UDP and TCP, and OSC, each
limited to --allow sources. Real loopback sockets; 127.0.0.2 stands in for another machine."""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import socket

import pytest
from pythonosc.osc_message_builder import OscMessageBuilder

from kiosk.app import RunningShow
from kiosk.content.model import Show
from kiosk.hall.settings import ScreenSettings
from kiosk.tools.offscreen import wait_until

from .conftest import in_background

WAIT_S = 10.0


def udp_send(port: int, data: bytes, source: str = "127.0.0.1") -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((source, 0))
        sock.sendto(data, ("127.0.0.1", port))


def osc(address: str, *values: object) -> bytes:
    builder = OscMessageBuilder(address)
    for value in values:
        builder.add_arg(value)
    return builder.build().dgram


def tcp_conversation(port: int, data: bytes, answers: int, source: str = "127.0.0.1") -> list[str]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(WAIT_S)
        sock.bind((source, 0))
        sock.connect(("127.0.0.1", port))
        sock.sendall(data)
        received = b""
        while received.count(b"\r\n") < answers:
            try:
                chunk = sock.recv(1024)
            except ConnectionResetError:  # closed by the show without reading
                break
            if not chunk:
                break
            received += chunk
    return received.decode().split("\r\n")[:-1]


def slide_id(kiosk: RunningShow) -> str:
    return kiosk.controller.show.slides[kiosk.controller.currentIndex].id


@pytest.fixture
def kiosk(open_kiosk, small_show: Show, hall_settings: ScreenSettings) -> RunningShow:
    return open_kiosk(small_show, hall=hall_settings)


def test_udp_lines_move_the_show(kiosk: RunningShow) -> None:
    port = kiosk.agent.control_port
    udp_send(port, b"NEXT\r\n")
    assert wait_until(lambda: slide_id(kiosk) == "first", WAIT_S)
    udp_send(port, b"goto closing\rBlackout On\n")
    assert wait_until(lambda: slide_id(kiosk) == "closing" and kiosk.controller.blackout, WAIT_S)
    udp_send(port, b"BLACKOUT OFF\r\nPAUSE\r\nLANG en\r\n")
    assert wait_until(lambda: kiosk.controller.language == "en", WAIT_S)
    assert kiosk.controller.paused and not kiosk.controller.blackout


def test_tcp_lines_are_answered_ok_or_err(kiosk: RunningShow) -> None:
    port = kiosk.agent.control_port
    lines = b"GOTO 2\r\nprev\nHOME\rPAUSE\r\nRESUME\r\nGOTO nowhere\r\nJUMP\r\nBLACKOUT maybe\r\nLANG fr\r\n"
    answers = in_background(lambda: tcp_conversation(port, lines, 9))
    assert answers[:5] == ["OK"] * 5
    assert answers[5].startswith("ERR no slide has the id or highlight number 'nowhere'")
    assert answers[6].startswith("ERR unknown command 'JUMP'")
    assert answers[7] == "ERR blackout must be on or off, got 'maybe'"
    assert answers[8].startswith("ERR the show has no language 'fr'")
    assert slide_id(kiosk) == "cover" and kiosk.controller.playback.value == "playing"
    in_background(lambda: tcp_conversation(port, b"GOTO second\r\n", 1))
    assert slide_id(kiosk) == "second"


def test_osc_messages_move_the_show(open_kiosk, small_show: Show, hall_settings: ScreenSettings) -> None:
    kiosk = open_kiosk(small_show, hall=hall_settings)
    port = kiosk.agent.osc_port
    udp_send(port, osc("/kiosk/next"))
    assert wait_until(lambda: slide_id(kiosk) == "first", WAIT_S)
    udp_send(port, osc("/kiosk/goto", 2))
    assert wait_until(lambda: slide_id(kiosk) == "second", WAIT_S)
    udp_send(port, osc("/kiosk/goto", "closing"))
    assert wait_until(lambda: slide_id(kiosk) == "closing", WAIT_S)
    udp_send(port, osc("/kiosk/blackout", 1))
    assert wait_until(lambda: kiosk.controller.blackout, WAIT_S)
    udp_send(port, osc("/kiosk/blackout", False))
    udp_send(port, osc("/kiosk/language", "en"))
    assert wait_until(lambda: kiosk.controller.language == "en" and not kiosk.controller.blackout, WAIT_S)


def test_packets_from_outside_allow_do_nothing_and_are_logged_once(
    open_kiosk, small_show: Show, hall_settings: ScreenSettings, caplog: pytest.LogCaptureFixture
) -> None:
    only_other_pc = dataclasses.replace(hall_settings, allow=(ipaddress.ip_network("127.0.0.2/32"),))
    kiosk = open_kiosk(small_show, hall=only_other_pc)
    shown: list[int] = []
    kiosk.controller.slideShown.connect(shown.append)
    control, osc_port = kiosk.agent.control_port, kiosk.agent.osc_port
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            udp_send(control, b"GOTO closing\r\n")
            udp_send(osc_port, osc("/kiosk/goto", "closing"))
        refused = in_background(lambda: tcp_conversation(control, b"GOTO closing\r\n", 1))
        in_background(lambda: tcp_conversation(control, b"GOTO closing\r\n", 1))
        # then the allowed machine speaks: its command arrives after the refused ones
        udp_send(control, b"NEXT\r\n", source="127.0.0.2")
        assert wait_until(lambda: slide_id(kiosk) == "first", WAIT_S)
        udp_send(osc_port, osc("/kiosk/next"), source="127.0.0.2")
        assert wait_until(lambda: slide_id(kiosk) == "second", WAIT_S)
    assert refused == []  # the connection was closed without an answer
    assert shown == [1, 2]  # never the closing slide
    ignored = [r.getMessage() for r in caplog.records if "not in --allow" in r.getMessage()]
    assert len([m for m in ignored if m.startswith("show control: ignoring commands from 127.0.0.1")]) == 1
    assert len([m for m in ignored if m.startswith("OSC: ignoring commands from 127.0.0.1")]) == 1
    assert len(ignored) == 2
