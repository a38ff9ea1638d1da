"""The command line as a curator or installer meets it: readable messages and exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import REPO


def run_main(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd,
    )


def test_a_broken_show_file_prints_every_problem_and_exits_with_status_2(write_show) -> None:
    path = write_show(
        """\
        show:
          advance_seconds: soon
        slides:
          - id: one
            layout: highlight
            figures:
              - {value: abc}
        """
    )
    result = run_main(str(path))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "slides.yaml:2:20: error: show.advance_seconds: expected a number, got 'soon' (write digits, e.g. 12 or 3709.7)",
        "slides.yaml:7:17: error: slides[0].figures[0].value: expected a number, got 'abc' "
        "(write digits, e.g. 12 or 3709.7)",
    ]
    assert "Traceback" not in result.stderr + result.stdout


def test_a_missing_file_or_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    for target in (tmp_path / "nope.yaml", tmp_path):
        result = run_main(str(target))
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1


def test_an_unknown_start_slide_names_the_ones_there_are(small_show_file: Path) -> None:
    result = run_main(str(small_show_file), "--start", "nowhere")
    assert result.returncode == 2
    assert "ids: cover, first, second, closing" in result.stderr
    result = run_main(str(small_show_file), "--lang", "fr")
    assert result.returncode == 2
    assert "the show has zh, en" in result.stderr
