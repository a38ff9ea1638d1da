"""Where the files that ship with kiosk live: the shipped show (slides.yaml and its pictures)
and the bundled fonts.

In a git clone (and an editable install) they are where people edit them: `slides.yaml` and
`assets/` at the top of the repository. A wheel or a PyInstaller bundle carries them inside
the package as `kiosk/shipped/` (pyproject.toml's force-include, deploy/bundle.py), found
through importlib.resources. Qt reads them by file name, so they must be real files: a
zipped package is not supported.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SHIPPED_FOLDER_NAME = "shipped"


def shipped_home() -> Path:
    """The folder holding the shipped slides.yaml and assets/: inside the installed package
    when the build put it there, else the top of the clone this package was imported from."""
    inside = Path(str(resources.files("kiosk") / SHIPPED_FOLDER_NAME))
    if (inside / "slides.yaml").is_file():
        return inside
    return Path(__file__).resolve().parents[2]


SHIPPED_HOME = shipped_home()
SHIPPED_SLIDES = SHIPPED_HOME / "slides.yaml"
SHIPPED_IMAGES = SHIPPED_HOME / "assets" / "images"
FONT_DIR = SHIPPED_HOME / "assets" / "fonts"
