"""Video clips for the slides: prerolled before their slide comes up, played while it is up,
released when it is gone, and replaced by the poster when they cannot play.

Policy lives here, not in QML: a slide is presented only once its clip shows its first frame
(or has failed); the frame a clip ends on is held (QML's VideoOutput keeps the last frame), so
nothing black is ever drawn between clips; a clip that fails to start or stalls (no new frame
for STALL_SECONDS while playing) is logged once, its slide shows the poster, and the show goes
on. Only the clips of the current slide and its neighbours hold a decoder, so memory stays flat
however many times clips change.

QtMultimedia ships in PySide6-Addons (`pip install "kiosk[video]"`); without it the show
plays on and every video slide shows its poster.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLoggingCategory, QObject, QTimer, QUrl, Signal

from ..content.model import Show, Slide

log = logging.getLogger(__name__)

ENABLE_HINT = 'install the video extra to play them: pip install "kiosk[video]"'
SOFTWARE_SWITCH = "KIOSK_VIDEO_SOFTWARE"
# Qt's FFmpeg backend tries these hardware decoders in order; a list with none in it makes it
# decode in software (https://doc.qt.io/qt-6/advanced-ffmpeg-configuration.html)
HW_DEVICE_TYPES = "QT_FFMPEG_DECODING_HW_DEVICE_TYPES"
PREROLL_SECONDS = 3.0  # a clip that shows no first frame in this time cannot play
STALL_SECONDS = 3.0  # a playing clip that shows no new frame in this time has stalled
WATCH_MS = 500
NEIGHBOURS = (0, 1)  # the current slide's clip plays; the next one's waits on its first frame
HOLD_MS = 1000  # the clip that was just up keeps its frame this long (the transition runs)
UPCOMING_DELAY_MS = 150  # the next slide's clip opens once the new slide is drawn


def video_available() -> bool:
    """True when QtMultimedia (PySide6-Addons) can be imported."""
    quiet_qt_multimedia()  # loading it warns about optional audio libraries (PipeWire)
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError:
        return False
    return True


def quiet_qt_multimedia() -> None:
    """A clip that cannot play is logged once, by us, with its reason: Qt's own warnings would
    repeat it on every try (and warn about audio libraries a muted wall does not need)."""
    QLoggingCategory.setFilterRules("qt.multimedia.*.warning=false\nqt.rhi.*.warning=false")


def force_software_decoding_if_asked(environ: MutableMapping[str, str] = os.environ) -> bool:
    """With KIOSK_VIDEO_SOFTWARE=1, clips are decoded in software: for a display PC whose
    graphics driver crashes or shows garbage in hardware decoding. Must run before the first
    player is made."""
    if environ.get(SOFTWARE_SWITCH, "") not in ("1", "true", "yes"):
        return False
    environ[HW_DEVICE_TYPES] = ","
    return True


@dataclass(frozen=True)
class ClipKey:
    """A clip as one slide plays it: the same file on two slides is two clips."""

    slide_id: str
    path: Path
    loops: bool
    muted: bool

    @classmethod
    def of(cls, slide: Slide) -> ClipKey | None:
        if slide.clip is None:
            return None
        return cls(slide.id, slide.clip, slide.clip_loops, slide.muted if slide.video else True)


class Clip(QObject):
    """One clip's player. States: idle (no decoder), loading, ready (a frame is shown),
    ended (the last frame holds), failed (the poster shows)."""

    changed = Signal()
    ended = Signal()

    def __init__(self, key: ClipKey, report: Callable[[ClipKey, str], None], parent: QObject) -> None:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoSink

        super().__init__(parent)
        self.key = key
        self.state = "idle"
        self.fresh = False  # on its first frame, never played since it was prerolled
        self.error = ""
        self.seconds: float | None = None
        self._report = report
        self._playing = False
        self._frames_seen = 0
        self.last_frame_at = 0.0
        self._started = 0.0
        self._sink: Any = None
        self.player = QMediaPlayer(self)
        self.player.setVideoSink(QVideoSink(self))  # until a view gives its VideoOutput
        self.player.setLoops(QMediaPlayer.Loops.Infinite if key.loops else 1)
        if not key.muted:
            self.player.setAudioOutput(QAudioOutput(self))
        self.player.mediaStatusChanged.connect(self._status)
        self.player.errorOccurred.connect(lambda _error, message: self._fail(message or "cannot play"))
        self.player.videoOutputChanged.connect(self._follow_sink)
        self._follow_sink()
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._check)

    # -- verbs ---------------------------------------------------------------------------------

    def preroll(self) -> None:
        """Opens the file and decodes its first frame, paused (setting the source alone
        delivers no frame)."""
        if self.state != "idle":
            return
        from PySide6.QtMultimedia import QMediaPlayer

        self._set_state("loading")
        self._frames_seen = 0
        self._started = time.monotonic()
        self._watch.start()
        if not self.key.path.exists():
            self._fail("file not found")
            return
        self.player.setSource(QUrl.fromLocalFile(str(self.key.path)))
        if self.player.mediaStatus() is not QMediaPlayer.MediaStatus.InvalidMedia:
            self.player.pause()

    def play(self) -> None:
        if self.state in ("idle", "failed", "ended") or self._playing:
            return
        self._playing = True
        self.fresh = False
        self.last_frame_at = time.monotonic()
        self.player.play()

    def pause(self) -> None:
        if self._playing:
            self._playing = False
            if self.state != "ended":
                self.player.pause()

    def release(self) -> None:
        """Frees the decoder; the next preroll opens the file again (it may have changed)."""
        self._playing = False
        self._watch.stop()
        if self.state != "idle":
            self.player.stop()
            self.player.setSource(QUrl())
            self._set_state("idle")

    # -- what the player reports -------------------------------------------------------------------

    def _follow_sink(self) -> None:
        sink = self.player.videoSink()
        if sink is self._sink or sink is None:
            return
        if self._sink is not None:
            self._sink.videoFrameChanged.disconnect(self._frame)
        self._sink = sink
        sink.videoFrameChanged.connect(self._frame)
        if self.state == "ready" and not self._playing:
            self.player.setPosition(self.player.position())  # a paused clip shows its frame there too

    def _frame(self, frame: Any) -> None:
        if not frame.isValid():
            return
        self._frames_seen += 1
        self.last_frame_at = time.monotonic()
        if self.state == "loading":
            self.fresh = True
            duration = self.player.duration()
            self.seconds = duration / 1000 if duration > 0 else None
            self._set_state("ready")

    def _status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status is QMediaPlayer.MediaStatus.InvalidMedia:
            self._fail(self.player.errorString() or "not a clip the show can play")
        elif status is QMediaPlayer.MediaStatus.EndOfMedia:
            if self._frames_seen == 0:
                # e.g. AV1 without a decoder: the stream "ends" having shown nothing
                self._fail("no picture could be decoded (is the codec supported? H.264 plays everywhere)")
            elif self.state == "ready" and self._playing:
                self._set_state("ended")
                self._watch.stop()
                self.ended.emit()

    def _check(self) -> None:
        now = time.monotonic()
        if self.state == "loading" and now - self._started > PREROLL_SECONDS:
            self._fail(f"no picture after {PREROLL_SECONDS:g} s")
        elif self.state == "ready" and self._playing and now - self.last_frame_at > STALL_SECONDS:
            self._fail(f"stalled: no new picture for {STALL_SECONDS:g} s")

    def _fail(self, reason: str) -> None:
        if self.state == "failed":
            return
        self.error = reason
        self._playing = False
        self._watch.stop()
        self.player.stop()
        self.player.setSource(QUrl())
        self._set_state("failed")
        self._report(self.key, reason)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.changed.emit()


class ClipBank(QObject):
    """Every slide's clip, made on first use and kept (players are reused, never piled up);
    only the current slide's and the next one's hold a decoder."""

    changed = Signal(object)  # the ClipKey whose state changed
    clipEnded = Signal(str)  # the slide id whose clip played to its end
    lengthKnown = Signal(str, object)  # slide id, the clip's seconds (None: it cannot play)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available = video_available()
        self.software = force_software_decoding_if_asked()
        self._clips: dict[ClipKey, Clip] = {}
        self._waiters: dict[ClipKey, list[Callable[[], None]]] = {}
        self._reported: set[Path] = set()
        self._told_unavailable = False
        self._playing: ClipKey | None = None
        self._may_play = True
        self._shut = False
        if self.software:
            log.info("video: decoding in software (%s is set)", SOFTWARE_SWITCH)
        quiet_qt_multimedia()

    def clip(self, slide: Slide) -> Clip | None:
        key = ClipKey.of(slide)
        if key is None or not self.available:
            return None
        clip = self._clips.get(key)
        if clip is None:
            clip = Clip(key, self._failed, self)
            clip.changed.connect(lambda key=key: self._changed(key))
            clip.ended.connect(lambda key=key: self.clipEnded.emit(key.slide_id))
            self._clips[key] = clip
        return clip

    def state(self, slide: Slide) -> str:
        """none | idle | loading | ready | ended | failed (failed also without Addons)."""
        if slide.clip is None:
            return "none"
        clip = self.clip(slide)
        return clip.state if clip is not None else "failed"

    def player(self, slide: Slide) -> QObject | None:
        clip = self.clip(slide)
        return clip.player if clip is not None else None

    def prepare(self, show: Show, index: int, ready: Callable[[], None]) -> None:
        """Calls `ready` once slide `index`'s clip shows its first frame or has failed; the
        clips of slides that are neither current nor next let go of their decoders."""
        slide = show.slides[index]
        if self._shut:
            ready()
            return
        if slide.clip is not None and not self.available:
            self._tell_unavailable()
        wanted = {ClipKey.of(show.slides[(index + offset) % len(show.slides)]) for offset in NEIGHBOURS}
        playing = {self._playing} if self._playing is not None else set()
        for key, clip in self._clips.items():
            if key not in wanted | playing:
                clip.release()
        clip = self.clip(slide)
        if (
            clip is not None
            and clip.key != self._playing
            and clip.state in ("ready", "ended")
            and not clip.fresh
        ):
            clip.release()  # played before: start it again from its first frame
        if clip is None or clip.state in ("ready", "failed"):
            ready()
            return
        self._waiters.setdefault(clip.key, []).append(ready)
        clip.preroll()

    def present(self, show: Show, index: int) -> None:
        """Slide `index` is up: its clip plays; the one before holds its last frame while the
        transition runs and is released at the next change; the next slide's clip prerolls."""
        if self._shut:
            return
        slide = show.slides[index]
        key = ClipKey.of(slide)
        previous_key = self._playing
        if previous_key is not None and previous_key != key:
            previous = self._clips.get(previous_key)
            if previous is not None:
                previous.pause()
        self._playing = key
        clip = self.clip(slide)
        if clip is not None:
            if clip.state == "ended":
                clip.release()
                clip.preroll()
            if clip.seconds is not None or clip.state == "failed":
                self.lengthKnown.emit(slide.id, clip.seconds if clip.state != "failed" else None)
            if self._may_play:
                clip.play()
        following = show.slides[(index + 1) % len(show.slides)]
        upcoming = self.clip(following)
        if upcoming is not None and upcoming.key != key:
            # after the new slide's first frames (opening a file costs the GUI thread a few ms);
            # the clip that was just up keeps its last frame while the transition runs
            delay = HOLD_MS if upcoming.key == previous_key else UPCOMING_DELAY_MS
            QTimer.singleShot(delay, lambda: self._preroll_upcoming(following))

    def _preroll_upcoming(self, slide: Slide) -> None:
        clip = self.clip(slide) if not self._shut else None
        if clip is None or clip.key == self._playing:
            return
        if clip.state in ("ready", "ended") and not clip.fresh:
            clip.release()
        clip.preroll()

    def follow(self, controller: Any) -> None:
        """Plays the clips of the slides the controller presents, as long as it plays."""

        def may_play() -> None:
            self.set_may_play(not (controller.paused or controller.dark or controller.closed))

        controller.slideShown.connect(lambda index: self.present(controller.show, index))
        for signal in (controller.playbackChanged, controller.darkChanged, controller.openChanged):
            signal.connect(may_play)
        self.clipEnded.connect(controller.clip_ended)
        self.lengthKnown.connect(controller.set_clip_seconds)
        may_play()
        if controller.currentIndex >= 0:
            self.present(controller.show, controller.currentIndex)

    def set_may_play(self, may_play: bool) -> None:
        """Paused, blacked out or closed: the current clip pauses on its frame."""
        self._may_play = may_play
        clip = self._clips.get(self._playing) if self._playing else None
        if clip is not None:
            if may_play:
                clip.play()
            else:
                clip.pause()

    def forget_all(self) -> None:
        """After a reload: clips may have changed on disk; the next preroll reads them again."""
        self._reported.clear()

    def shut_down(self) -> None:
        self._shut = True
        for clip in self._clips.values():
            clip.release()

    def decoders_open(self) -> int:
        return sum(1 for clip in self._clips.values() if clip.state != "idle")

    def _changed(self, key: ClipKey) -> None:
        clip = self._clips[key]
        self.changed.emit(key)
        if clip.state in ("ready", "failed"):
            if key == self._playing:
                self.lengthKnown.emit(key.slide_id, clip.seconds if clip.state == "ready" else None)
                if clip.state == "ready" and self._may_play:
                    clip.play()
            for ready in self._waiters.pop(key, []):
                ready()

    def _failed(self, key: ClipKey, reason: str) -> None:
        if key.path not in self._reported:
            self._reported.add(key.path)
            log.warning("clip %s cannot be played (%s); showing the poster", key.path, reason)

    def _tell_unavailable(self) -> None:
        if not self._told_unavailable:
            self._told_unavailable = True
            log.warning(
                "this show has video slides but video is not installed; showing posters (%s)", ENABLE_HINT
            )


class VideoPreparer:
    """A slide is ready when its pictures are decoded and then its clip is prerolled."""

    def __init__(self, pictures: Any, clips: ClipBank) -> None:
        self.pictures = pictures
        self.clips = clips

    def prepare(self, show: Show, index: int, ready: Callable[[], None]) -> None:
        self.pictures.prepare(show, index, lambda: self.clips.prepare(show, index, ready))


@dataclass(frozen=True)
class ClipInfo:
    """What decoding the first frames of a clip found."""

    frames: int = 0
    seconds: float | None = None
    width: int = 0
    height: int = 0
    codec: str = ""
    error: str = ""
    first_frame: Any = None  # a QImage of the first frame, when one was decoded

    def describe(self) -> str:
        length = f"{self.seconds:.1f} s" if self.seconds is not None else "length unknown"
        return f"{length}, {self.width}x{self.height}, {self.codec or 'codec unknown'}"


def probe_clip(path: Path, frames: int = 3, timeout: float = 5.0) -> ClipInfo:
    """Decodes the first `frames` frames of `path` (muted) and says what it found; AV1 without
    a decoder and broken files decode nothing and say so. Needs a Qt application and
    QtMultimedia; runs its own event loop for at most `timeout` seconds."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtMultimedia import QMediaMetaData, QMediaPlayer, QVideoSink

    if not path.exists():
        return ClipInfo(error="file not found")
    quiet_qt_multimedia()
    player, sink, loop = QMediaPlayer(), QVideoSink(), QEventLoop()
    player.setVideoSink(sink)
    seen: list[Any] = []
    errors: list[str] = []

    def frame(video_frame: Any) -> None:
        if video_frame.isValid():
            if not seen:
                seen.append(video_frame.toImage())
            else:
                seen.append(None)
            if len(seen) >= frames:
                loop.quit()

    def status(media_status: Any) -> None:
        if media_status is QMediaPlayer.MediaStatus.InvalidMedia:
            errors.append(player.errorString() or "not a clip the show can play")
            loop.quit()
        elif media_status is QMediaPlayer.MediaStatus.EndOfMedia:
            loop.quit()

    sink.videoFrameChanged.connect(frame)
    player.mediaStatusChanged.connect(status)
    player.errorOccurred.connect(lambda _error, message: (errors.append(message), loop.quit()))
    QTimer.singleShot(round(timeout * 1000), loop.quit)
    player.setSource(QUrl.fromLocalFile(str(path)))
    player.play()
    if not errors and len(seen) < frames and player.mediaStatus() is not QMediaPlayer.MediaStatus.EndOfMedia:
        loop.exec()
    data = player.metaData()
    codec = data.stringValue(QMediaMetaData.Key.VideoCodec)
    size = data.value(QMediaMetaData.Key.Resolution)
    duration = player.duration()
    player.stop()
    player.setSource(QUrl())
    image = seen[0] if seen else None
    width = size.width() if size is not None and size.isValid() else (image.width() if image else 0)
    height = size.height() if size is not None and size.isValid() else (image.height() if image else 0)
    error = errors[0] if errors else ""
    if not seen and not error:
        error = "no picture could be decoded (is the codec supported? H.264 plays everywhere)"
    return ClipInfo(
        frames=len(seen),
        seconds=duration / 1000 if duration > 0 else None,
        width=width,
        height=height,
        codec=codec,
        error=error,
        first_frame=image,
    )
