"""`python -m kiosk.bench`: the performance figures (kiosk/tools/bench/), under the short name
the README and docs/performance.md give."""

import sys

from .tools.bench import main

if __name__ == "__main__":
    sys.exit(main())
