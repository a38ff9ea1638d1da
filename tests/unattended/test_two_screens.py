"""Two shows on one PC, `--screen 0` and `--screen 1`: each its own log file, settings file and
heartbeat file, so neither can hide behind the other."""

from __future__ import annotations

from pathlib import Path

from kiosk import cli


def test_each_screen_has_its_own_log_files() -> None:
    assert cli.log_name("kiosk.log", None) == "kiosk.log"
    assert cli.log_name("kiosk.log", 1) == "kiosk-screen-1.log"
    assert cli.log_name("supervise.log", 0) == "supervise-screen-0.log"


def test_the_supervisor_names_its_files_after_the_shows_screen() -> None:
    assert cli.screen_of(["slides.yaml", "--screen", "1", "--windowed"]) == 1
    assert cli.screen_of(["--screen=0"]) == 0
    assert cli.screen_of(["slides.yaml"]) is None


def test_a_screen_reads_its_own_settings_file_where_there_is_one(tmp_path: Path) -> None:
    shared = tmp_path / "screen.toml"
    shared.write_text('name = "hall"\n', encoding="utf-8")
    (tmp_path / "screen-1.toml").write_text(
        'name = "hall-right"\nremote = "127.0.0.1:8081"\n', encoding="utf-8"
    )
    assert cli.per_screen(shared, None) == shared
    assert cli.per_screen(shared, 1) == tmp_path / "screen-1.toml"
    assert cli.per_screen(shared, 0) == shared  # no screen-0.toml: the shared file


def test_the_right_screens_settings_are_used_when_the_show_starts(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "kiosk").mkdir()
    (tmp_path / "kiosk" / "screen.toml").write_text('remote = "127.0.0.1:8080"\n', encoding="utf-8")
    (tmp_path / "kiosk" / "screen-1.toml").write_text(
        'name = "right"\nremote = "127.0.0.1:8081"\n', encoding="utf-8"
    )
    right = cli.screen_settings(cli.run_parser().parse_args(["--screen", "1"]))
    assert right.name == "right" and right.remote.port == 8081
    left = cli.screen_settings(cli.run_parser().parse_args(["--screen", "0"]))
    assert left.remote.port == 8080
