"""`python -m kiosk ...` is the same as `kiosk ...` (the supervisor starts the show this way)."""

import sys

from .cli import main

sys.exit(main())
