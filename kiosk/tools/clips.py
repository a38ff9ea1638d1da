"""Small generated video clips for the tests and the benchmark, made with ffmpeg (Debian's
`ffmpeg` package): a solid colour with a moving square, so every frame differs and a frame of
the clip is easy to tell from black or from the background."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CODECS = {
    "h264": ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
    "av1": ["-c:v", "libaom-av1", "-cpu-used", "8", "-b:v", "50k"],
}


def ffmpeg() -> str | None:
    return shutil.which("ffmpeg")


def make_clip(
    path: Path,
    colour: str = "#3060c0",
    seconds: float = 1.0,
    size: str = "160x90",
    rate: int = 25,
    codec: str = "h264",
    detail: bool = False,
) -> Path:
    """Writes a clip of `seconds` at `size` in `colour` with a white square moving across;
    with `detail`, fine moving noise over it makes it as hard to decode as real footage."""
    path.parent.mkdir(parents=True, exist_ok=True)
    width = int(size.split("x", maxsplit=1)[0])
    square = max(8, width // 10)
    source = (
        f"color=c={colour.replace('#', '0x')}:s={size}:r={rate}:d={seconds},"
        f"drawbox=x='mod(t*{width},{width})':y=ih/3:w={square}:h={square}:color=white:t=fill"
    )
    if detail:
        source += ",noise=alls=24:allf=t+u"
    command = [ffmpeg() or "ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source]
    rate_control = ["-b:v", "8M", "-maxrate", "8M", "-bufsize", "16M"] if detail else []
    subprocess.run([*command, *CODECS[codec], *rate_control, "-an", str(path)], check=True, timeout=300)
    return path
