"""Where the show that ships with kiosk lives."""

from __future__ import annotations

from pathlib import Path

SHIPPED_SLIDES = Path(__file__).resolve().parents[2] / "slides.yaml"
