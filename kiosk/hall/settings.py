"""Per-screen settings: what makes one display PC different from the next (its name, group,
where its remote API listens, its token, its show-control ports and who may use them).

One TOML file per PC in the platform's config folder (`~/.config/kiosk/screen.toml`,
`%APPDATA%\\kiosk\\screen.toml`); every setting is also a command-line option, which wins.
slides.yaml never holds any of this, so it stays identical on every screen.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import socket
import sys
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.errors import ContentError, Problem

SETTINGS_FILE = "screen.toml"
DEFAULT_HOST = "127.0.0.1"
LOOPBACK_ALLOW = ("127.0.0.0/8", "::1/128")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    @property
    def is_loopback(self) -> bool:
        return is_loopback_host(self.host)


@dataclass(frozen=True)
class ScreenSettings:
    name: str = field(default_factory=socket.gethostname)
    group: str = ""
    remote: Endpoint | None = None  # the HTTP API; off when None
    token_file: Path | None = None
    metrics_open: bool = False  # /metrics without the token (for a Prometheus without one)
    listen: str = DEFAULT_HOST  # address the show-control listeners bind to
    control: int | None = None  # UDP and TCP port for text lines; off when None
    osc: int | None = None  # UDP port for OSC; off when None
    allow: tuple[Network, ...] = field(
        default_factory=lambda: tuple(ipaddress.ip_network(net) for net in LOOPBACK_ALLOW)
    )
    advertise: bool = True  # DNS-SD while the API is on

    def read_token(self) -> str | None:
        """The bearer token, or None without a token file; OSError/ValueError for a bad one."""
        if self.token_file is None:
            return None
        token = self.token_file.read_text(encoding="utf-8").strip()
        if not token:
            raise ValueError(f"{self.token_file}: the token file is empty (write one long random line)")
        return token


KEYS = (
    "name",
    "group",
    "remote",
    "token_file",
    "metrics_open",
    "listen",
    "control",
    "osc",
    "allow",
    "advertise",
)


def default_settings_path() -> Path:
    """~/.config/kiosk/screen.toml (XDG_CONFIG_HOME honoured), %APPDATA%\\kiosk\\screen.toml."""
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "kiosk" / SETTINGS_FILE
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "kiosk" / SETTINGS_FILE


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# -- parsing single values (shared by the file and the command line) -------------------------


def parse_endpoint(text: str) -> Endpoint:
    """'HOST:PORT', '[::1]:PORT' or ':PORT' (loopback)."""
    match = re.fullmatch(r"\[(?P<v6>[^\]]+)\]:(?P<p6>\d+)|(?P<host>[^:\[\]]*):(?P<port>\d+)", text.strip())
    if not match:
        raise ValueError(f"expected HOST:PORT, got '{text}' (e.g. 0.0.0.0:8701 or 127.0.0.1:8701)")
    host = match["v6"] or match["host"] or DEFAULT_HOST
    return Endpoint(host, parse_port(match["p6"] or match["port"]))


def parse_port(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise ValueError(f"expected a port number 1-65535, got '{value}'")
    port = int(value)
    if not 0 <= port <= 65535:
        raise ValueError(f"expected a port number 1-65535, got {port}")
    return port


def parse_allow(value: object) -> tuple[Network, ...]:
    """'10.0.0.0/24,192.168.1.5' or a list of such; a bare address is one host."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not items:
        raise ValueError('expected a list of addresses or networks, e.g. ["10.0.0.0/24"]')
    networks = []
    for item in items:
        try:
            networks.append(ipaddress.ip_network(str(item).strip(), strict=False))
        except ValueError:
            raise ValueError(f"'{item}' is not an address or network (write e.g. 10.0.0.0/24)") from None
    return tuple(networks)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text in quotes, got {value!r}")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


PARSERS = {
    "name": _text,
    "group": _text,
    "remote": lambda value: parse_endpoint(_text(value)),
    "token_file": lambda value: Path(_text(value)),
    "metrics_open": _flag,
    "listen": _text,
    "control": parse_port,
    "osc": parse_port,
    "allow": parse_allow,
    "advertise": _flag,
}


# -- the file --------------------------------------------------------------------------------


def key_position(text: str, key: str, after: int = 0) -> tuple[int, int]:
    """Line and column of `key = ...` in the TOML text, searching from character `after`
    (tomllib keeps no positions)."""
    pattern = re.compile(rf"^(\s*)[\"']?{re.escape(key)}[\"']?\s*=", re.MULTILINE)
    match = pattern.search(text, after)
    if not match:
        return 1, 1
    line = text.count("\n", 0, match.start()) + 1
    return line, len(match.group(1)) + 1


def toml_problem(path: Path, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    where = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line, column = (int(where[1]), int(where[2])) if where else (1, 1)
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    return Problem(path, line, column, "", f"not valid TOML: {message}", "see https://toml.io")


def read_toml(path: Path) -> tuple[str, dict]:
    """The text and table of a TOML file, or ContentError with one readable problem."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise ContentError([Problem(path, 1, 1, "", f"cannot read it ({error.strerror or error})")]) from None
    except UnicodeDecodeError:
        raise ContentError([Problem(path, 1, 1, "", "not UTF-8 text", "save it as UTF-8")]) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContentError([toml_problem(path, error)]) from None


def unknown_key(
    path: Path, text: str, key: str, known: tuple[str, ...], where: str = "", after: int = 0
) -> Problem:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"known settings: {', '.join(known)}"
    line, column = key_position(text, key, after)
    return Problem(path, line, column, f"{where}{key}", f"unknown setting '{key}'", hint)


def parse_table(path: Path, text: str, table: dict, keys: tuple[str, ...], where: str = "") -> dict:
    """Parses the known keys of one table; every problem at once."""
    values, problems = {}, []
    for key, raw in table.items():
        if key not in keys:
            problems.append(unknown_key(path, text, key, keys, where))
            continue
        try:
            values[key] = PARSERS[key](raw)
        except ValueError as error:
            line, column = key_position(text, key)
            problems.append(Problem(path, line, column, f"{where}{key}", str(error)))
    if problems:
        raise ContentError(problems)
    if "token_file" in values and not values["token_file"].is_absolute():
        values["token_file"] = path.parent / values["token_file"]
    return values


def load_settings(path: Path) -> ScreenSettings:
    """The settings in `path`; a missing default file means all defaults."""
    text, table = read_toml(path)
    return replace(ScreenSettings(), **parse_table(path, text, table, KEYS))


def with_options(settings: ScreenSettings, options: dict[str, object]) -> ScreenSettings:
    """Command-line values (already parsed, None when not given) win over the file."""
    given = {key: value for key, value in options.items() if value is not None}
    return replace(settings, **given)


def check_startable(settings: ScreenSettings) -> list[str]:
    """What stops the API from starting, as messages for the person at the PC."""
    problems = []
    remote = settings.remote
    if remote is not None and not remote.is_loopback and settings.token_file is None:
        problems.append(
            f"--remote {remote}: listening beyond this PC needs a token "
            "(give --token-file FILE, or token_file in screen.toml, holding one long random line)"
        )
    try:
        settings.read_token()
    except OSError as error:
        problems.append(f"--token-file {settings.token_file}: cannot read it ({error.strerror or error})")
    except ValueError as error:
        problems.append(str(error))
    return problems
