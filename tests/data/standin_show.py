"""A stand-in for the show, for the supervisor's tests: it behaves as the first argument says.

Every start is counted in a file beside the heartbeat; 'crash-twice' crashes on its first two
starts and quits cleanly on the third; 'beat-first' beats until it is stopped on its first
start and quits cleanly on every later one.
"""

import sys
import time
from pathlib import Path


def beat(path: Path) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(f"{time.time():.3f}")
    temporary.replace(path)


def main() -> int:
    behaviour = sys.argv[1]
    heartbeat = Path(sys.argv[sys.argv.index("--heartbeat-file") + 1])
    counter = heartbeat.with_name("starts")
    starts = int(counter.read_text()) + 1 if counter.exists() else 1
    counter.write_text(str(starts))
    if behaviour == "crash-at-once":
        return 4
    beat(heartbeat)
    if behaviour == "crash-twice":
        time.sleep(0.2)
        return 3 if starts <= 2 else 0
    if behaviour == "beat-first":
        if starts > 1:
            time.sleep(0.3)
            return 0
        while True:
            beat(heartbeat)
            time.sleep(0.1)
    if behaviour == "freeze":
        time.sleep(60)
    if behaviour == "hog":
        hoard = bytearray(400 * 1024 * 1024)
        for i in range(0, len(hoard), 4096):
            hoard[i] = 1
        for _ in range(300):
            beat(heartbeat)
            time.sleep(0.2)
    if behaviour == "quit":
        time.sleep(0.3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
