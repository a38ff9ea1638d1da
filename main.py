"""Start the show: `python main.py [slides.yaml] [--windowed] ...` (see README.md)."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
