"""The show's state and the one place that changes it: which slide is up, whether it plays,
blackout, language, and the timers for auto-advance and idle behaviour.

Input controllers call the verbs (`next`, `previous`, `go_to_number`, ...) after reporting
`user_input()`; QML only reads the properties and follows.
"""

from __future__ import annotations

import enum
import logging
import math
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..clock import Clock, Pending
from ..content.model import Show
from .clocklock import STEP_TOLERANCE_SECONDS, ClockLock, StepWatch

log = logging.getLogger(__name__)

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

TRANSITION_MS = 700
COUNT_UP_MS = 1600  # key figures count up from zero for this long when their slide comes up
# ... in steps this far apart, not with every frame: the digits read the same, and a real
# window redraws all of itself for each step
COUNT_UP_STEP_MS = 50
# The time strip moves in whole seconds, not continuously: from 3 m a bar that grows once a
# second reads as well as a gliding one, and a still slide then costs one frame a second
# instead of 40-60 full frames (everything on screen is redrawn whenever anything moves).
TIME_STEP_SECONDS = 1.0
# a slide that lasts until its clip ends moves on by itself this long after the clip should
# have ended, in case the end never comes
CLIP_END_GRACE_SECONDS = 2.0
# A clock-locked change whose wall-clock moment is nearer than this counts as due: a
# monotonic timer may fire a little before the wall clock gets there.
DUE_EARLY_SECONDS = 0.0005
# new content that reached a clock-locked show this close to the end of a cycle waits a cycle
INCOMING_EARLY_SECONDS = 0.05
GROUP_COMMAND_LATEST_SECONDS = 60.0  # how far ahead a group command's instant may be


class Playback(enum.Enum):
    PLAYING = "playing"
    HOLDING = "holding"  # after manual navigation, until idle_resume_seconds pass
    PAUSED = "paused"  # by the pause key, until pressed again or idle_home_seconds pass


def transition_ms(show: Show) -> int:
    """How long a slide change of `show` takes on screen."""
    return 0 if show.transition == "none" else TRANSITION_MS


class Preparer(Protocol):
    def prepare(self, show: Show, index: int, ready: Callable[[], None]) -> None:
        """Calls `ready` once slide `index` of `show` can be drawn completely (images decoded)."""
        ...


class ImmediatePreparer:
    def prepare(self, show: Show, index: int, ready: Callable[[], None]) -> None:
        ready()


@QmlElement
@QmlUncreatable("the show's controller is made by Python and given to Main")
class ShowController(QObject):
    currentIndexChanged = Signal()
    playbackChanged = Signal()
    blackoutChanged = Signal()
    languageChanged = Signal()
    timingChanged = Signal()
    progressChanged = Signal()
    showChanged = Signal()
    openChanged = Signal()
    darkChanged = Signal()
    quitRequested = Signal()
    slideShown = Signal(int)
    userInput = Signal()  # a key, click or touch: the attract line and the overview follow it

    def __init__(
        self,
        show: Show,
        clock: Clock,
        preparer: Preparer | None = None,
        start_index: int = 0,
        language: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._show = show
        self._clock = clock
        self._preparer = preparer or ImmediatePreparer()
        self._index = -1
        self._target = -1
        self._playback = Playback.PLAYING
        self._blackout = False
        self._language = language if language in show.languages else show.languages[0]
        self._elapsed = 0.0
        self._started_at: float | None = None
        self._progress = 0.0
        self._next_step: Pending | None = None
        self._advance: Pending | None = None
        self._idle_resume: Pending | None = None
        self._idle_home: Pending | None = None
        self._open = True
        self._closed_slide_shown = False
        self._last_commit = float("-inf")
        self._incoming: Show | None = None  # new content, applied at the next slide change
        self._incoming_at = 0.0  # clock-locked: the cycle boundary (Unix time) it waits for
        self._next_show: Show | None = None  # new content on its way (pictures decoding)
        self._clip_seconds: dict[str, float] = {}  # clip lengths of slides that end with them
        self._lock = ClockLock(show, clock)
        self._steps = StepWatch(clock)
        self._group_move_at: float | None = None  # set while a group command is carried out
        self._pinned = -1  # a slide shown on request (go_to_index), kept until the clock ticks
        self._present(self._lock.position().index if self.synced else start_index)

    # -- properties read by QML ------------------------------------------------------------

    @property
    def show(self) -> Show:
        return self._show

    def _get_index(self) -> int:
        return self._index

    currentIndex = Property(int, _get_index, notify=currentIndexChanged)

    def _get_title(self) -> str:
        return self._show.title.get(self._language)

    title = Property(str, _get_title, notify=languageChanged)

    def _get_title_second(self) -> str:
        """The show's title in the second language (language_mode both), or ""."""
        second = self._get_second_language()
        title = self._show.title
        return title.get(second) if second and title.get(second) != title.get(self._language) else ""

    titleSecond = Property(str, _get_title_second, notify=languageChanged)

    def _get_second_language(self) -> str:
        """In language_mode both, the language shown beneath the main one (the next in
        `languages`, so L swaps them); "" in toggle mode."""
        languages = self._show.languages
        if self._show.language_mode != "both" or len(languages) < 2:
            return ""
        position = languages.index(self._language) if self._language in languages else 0
        return languages[(position + 1) % len(languages)]

    secondLanguage = Property(str, _get_second_language, notify=languageChanged)

    def _get_count(self) -> int:
        return len(self._show.slides)

    count = Property(int, _get_count, notify=showChanged)

    def _get_highlight_count(self) -> int:
        return self._show.highlight_count

    highlightCount = Property(int, _get_highlight_count, notify=showChanged)

    def _get_highlight_number(self) -> int:
        if self._index < 0:
            return 0
        return self._show.slides[self._index].number or 0

    highlightNumber = Property(int, _get_highlight_number, notify=currentIndexChanged)

    @property
    def synced(self) -> bool:
        """Clock-locked playback (show.sync: clock): the wall clock says which slide is up."""
        return self._show.sync == "clock"

    @property
    def lock(self) -> ClockLock:
        return self._lock

    @property
    def settling(self) -> bool:
        """True while a requested slide waits for its pictures."""
        return self._target >= 0

    @property
    def playback(self) -> Playback:
        return self._playback

    def _is_playing(self) -> bool:
        return self._playback is Playback.PLAYING and not self._blackout and self._open

    playing = Property(bool, _is_playing, notify=playbackChanged)

    def _is_paused(self) -> bool:
        return self._playback is Playback.PAUSED

    paused = Property(bool, _is_paused, notify=playbackChanged)

    def _get_blackout(self) -> bool:
        return self._blackout

    blackout = Property(bool, _get_blackout, notify=blackoutChanged)

    @property
    def is_open(self) -> bool:
        return self._open

    def _get_closed(self) -> bool:
        return not self._open

    closed = Property(bool, _get_closed, notify=openChanged)

    def _get_dark(self) -> bool:
        """The screen shows nothing: blackout, or closed without a closed slide."""
        return self._blackout or (not self._open and not self._closed_slide_shown)

    dark = Property(bool, _get_dark, notify=darkChanged)

    def _get_language(self) -> str:
        return self._language

    language = Property(str, _get_language, notify=languageChanged)

    def _get_transition(self) -> str:
        return self._show.transition

    transition = Property(str, _get_transition, notify=showChanged)

    def _get_transition_ms(self) -> int:
        return transition_ms(self._show)

    transitionMs = Property(int, _get_transition_ms, notify=showChanged)

    def neighbour_wait_ms(self, show: Show) -> int:
        """How long the next slides' pictures wait after a change before they decode. While the
        show plays by itself nobody waits for the next slide: they wait for the transition, whose
        frames need the CPU on a PC drawing in software. While a visitor or the hall navigates,
        the next press may come at once: they decode at once, as for the first slide, which
        appears without a transition. Asked as the change begins."""
        playing_by_itself = self._playback is Playback.PLAYING
        return transition_ms(show) if playing_by_itself and self._index >= 0 else 0

    def _get_count_up_ms(self) -> int:
        return COUNT_UP_MS

    countUpMs = Property(int, _get_count_up_ms, constant=True)

    def _get_count_up_step_ms(self) -> int:
        return COUNT_UP_STEP_MS

    countUpStepMs = Property(int, _get_count_up_step_ms, constant=True)

    def _get_duration_ms(self) -> int:
        if self._index < 0:
            return 0
        return round(self._duration_of(self._index) * 1000)

    durationMs = Property(int, _get_duration_ms, notify=timingChanged)

    def _get_elapsed_ms(self) -> int:
        """Time spent on the slide when timing last changed; QML animates on from there."""
        return round(self._elapsed * 1000)

    elapsedMs = Property(int, _get_elapsed_ms, notify=timingChanged)

    def _get_timing(self) -> bool:
        return self._started_at is not None

    timing = Property(bool, _get_timing, notify=timingChanged)

    def _get_progress(self) -> float:
        """How much of the slide's time has passed (0-1), in whole TIME_STEP_SECONDS."""
        return self._progress

    progress = Property(float, _get_progress, notify=progressChanged)

    # -- verbs -----------------------------------------------------------------------------

    def user_input(self) -> None:
        """Every key, click or touch reports here first; it restarts the idle timers."""
        self._cancel(self._idle_resume)
        self._cancel(self._idle_home)
        if self._playback is Playback.HOLDING:
            self._idle_resume = self._clock.call_later(
                self._show.idle_resume_seconds, self._resume_after_idle
            )
        self._idle_home = self._clock.call_later(self._show.idle_home_seconds, self._go_home_after_idle)
        self.userInput.emit()

    @Slot()
    def next(self) -> None:
        if not self._swallowed():
            self._hold()
            self._step(+1)

    @Slot()
    def previous(self) -> None:
        if not self._swallowed():
            self._hold()
            self._step(-1)

    def first(self) -> None:
        if not self._swallowed():
            self._hold()
            self._present(0)

    def last(self) -> None:
        if not self._swallowed():
            self._hold()
            self._present(len(self._show.slides) - 1)

    def go_to_index(self, index: int) -> None:
        """Presents slide `index` without touching playback (for render and reloads). A
        clock-locked show keeps it until its clock next ticks (never, on a still clock)."""
        self._pinned = index
        self._present(index)

    def choose(self, index: int) -> None:
        """A visitor picked slide `index` (from the overview): show it and hold it there."""
        if not self._swallowed():
            self._hold()
            self._present(index)

    def hold(self) -> None:
        """Keeps the current slide up (the overview is open) until idle_resume_seconds pass."""
        self._hold()

    def go_to_number(self, number: int) -> None:
        index = self._show.index_of_number(number)
        if index is not None and not self._swallowed():
            self._hold()
            self._present(index)

    def go_to_slide(self, index: int) -> None:
        """Like a number key, for any slide (remote control by id)."""
        if 0 <= index < len(self._latest.slides) and not self._swallowed():
            self._hold()
            self._present(index)

    def pause(self) -> None:
        """Explicit pause for remote control (toggle_pause stays the key's verb)."""
        self._set_playback(Playback.PAUSED)

    def resume(self) -> None:
        """Plays on from a pause or a held slide."""
        self._set_playback(Playback.PLAYING)

    def set_blackout(self, on: bool) -> None:
        if on != self._blackout:
            self.toggle_blackout()

    def toggle_pause(self) -> None:
        """Pauses (also a slide held after manual navigation), or resumes a paused show."""
        if self._playback is Playback.PAUSED:
            self._set_playback(Playback.PLAYING)
        else:
            self._set_playback(Playback.PAUSED)

    def toggle_blackout(self) -> None:
        self._blackout = not self._blackout
        self.blackoutChanged.emit()
        self.darkChanged.emit()
        self.playbackChanged.emit()
        self._retime()

    def cycle_language(self) -> None:
        languages = self._show.languages
        position = languages.index(self._language) if self._language in languages else -1
        self._language = languages[(position + 1) % len(languages)]
        self.languageChanged.emit()

    def replace_show(self, show: Show) -> None:
        """New content from a reload: it takes over at the next slide change, on the slide
        with the same id where there still is one. A clock-locked show takes it at the end
        of the cycle, a moment every screen with the same content works out alike."""
        self._incoming = show
        if self.synced:
            self._incoming_at = self._lock.next_cycle_boundary()
            if self._incoming_at - self._clock.timestamp() < INCOMING_EARLY_SECONDS:
                self._incoming_at = self._lock.next_cycle_boundary() + sum(
                    self._show.duration_of(i) for i in range(len(self._show.slides))
                )

    def carry_out_at(self, at: float, action: Callable[[], None]) -> None:
        """A group command: runs `action` (a verb) when the wall clock reaches Unix time `at`,
        so every screen of the group moves together. A clock-locked group then follows the
        clock from that moment (a new epoch) until the content reloads or the day ends."""

        def due() -> None:
            left = at - self._clock.timestamp()
            if left > DUE_EARLY_SECONDS:
                self._clock.call_later(left, due)  # the monotonic timer ran ahead of the wall
                return
            self._group_move_at = at
            try:
                action()
            finally:
                self._group_move_at = None

        self._clock.call_later(max(0.0, at - self._clock.timestamp()), due)

    def set_open(self, is_open: bool, closed_slide: str | None = None) -> None:
        """Opening hours: closed stops every timer; opening starts again from the first slide."""
        if is_open == self._open:
            return
        self._open = is_open
        self._cancel(self._idle_resume)
        self._cancel(self._idle_home)
        closed_index = self._show.index_of(closed_slide) if closed_slide else None
        self._closed_slide_shown = not is_open and closed_index is not None
        if is_open:
            self._blackout = False
            self._playback = Playback.PLAYING
            self.blackoutChanged.emit()
        self.openChanged.emit()
        self.darkChanged.emit()
        self.playbackChanged.emit()
        if is_open:  # from the first slide; a clock-locked show from the clock's (the first at opening)
            self._present(self._lock.position().index if self.synced else 0)
        elif closed_index is not None:
            self._present(closed_index)
        self._retime()

    def set_language(self, language: str) -> None:
        if language in self._show.languages and language != self._language:
            self._language = language
            self.languageChanged.emit()

    def request_quit(self) -> None:
        self.quitRequested.emit()

    def set_clip_seconds(self, slide_id: str, seconds: float | None) -> None:
        """A clip's length once it is open (None: it cannot play, its poster shows for the
        slide's duration). A slide that ends with its clip lasts that long, plus a grace."""
        if seconds is None:
            self._clip_seconds.pop(slide_id, None)
        else:
            self._clip_seconds[slide_id] = seconds
        if (
            self._index >= 0
            and self._show.slides[self._index].id == slide_id
            and self._started_at is not None
        ):
            self._stop_clock()
            self._retime()

    def clip_ended(self, slide_id: str) -> None:
        """The current slide's clip played to its end: a slide that ends with it moves on."""
        if self._index < 0 or self._target >= 0:
            return
        slide = self._show.slides[self._index]
        if slide.id == slide_id and slide.ends_with_clip and self._is_playing():
            self._stop_clock()
            self._auto_advance()

    # -- internals ---------------------------------------------------------------------------

    def _duration_of(self, index: int) -> float:
        slide = self._show.slides[index]
        if slide.ends_with_clip and slide.id in self._clip_seconds:
            return self._clip_seconds[slide.id]
        return self._show.duration_of(index)

    def _grace_of(self, index: int) -> float:
        slide = self._show.slides[index]
        return CLIP_END_GRACE_SECONDS if slide.ends_with_clip and slide.id in self._clip_seconds else 0.0

    def _swallowed(self) -> bool:
        """Navigation does nothing while the hall is closed; as in PowerPoint, the first key
        after a blank screen only brings the slide back."""
        if not self._open:
            return True
        if not self._blackout:
            return False
        self.toggle_blackout()
        return True

    def _hold(self) -> None:
        if self._group_move_at is not None and self.synced:
            return  # the whole group moves together: it stays with the clock
        if self._playback is Playback.PLAYING:
            self._set_playback(Playback.HOLDING)
            self._idle_resume = self._clock.call_later(
                self._show.idle_resume_seconds, self._resume_after_idle
            )

    def _set_playback(self, playback: Playback) -> None:
        if playback is self._playback:
            return
        self._playback = playback
        if playback is not Playback.HOLDING:
            self._cancel(self._idle_resume)
        self.playbackChanged.emit()
        self._retime()

    def _resume_after_idle(self) -> None:
        self._idle_resume = None
        if self._playback is Playback.HOLDING:
            self._set_playback(Playback.PLAYING)

    def _go_home_after_idle(self) -> None:
        self._idle_home = None
        if self._blackout:
            self.toggle_blackout()
        self._set_playback(Playback.PLAYING)
        if self._index != 0 and not self.synced:  # a clock-locked show is back with the clock
            self._present(0)

    def _step(self, delta: int) -> None:
        show = self._latest
        count = len(show.slides)
        base = self._target if self._target >= 0 else self._index
        index = base + delta
        if show.loop:
            index %= count
        elif not 0 <= index < count:
            return
        self._present(index)

    def _auto_advance(self) -> None:
        self._advance = None
        if self.synced:
            self._advance_with_clock()
            return
        if self._index == len(self._show.slides) - 1 and not self._show.loop:
            self._stop_clock()
            self.timingChanged.emit()
            return
        self._step(+1)

    def _advance_with_clock(self) -> None:
        """A clock-locked change: to the slide the wall clock says, when it says."""
        self._pinned = -1
        position = self._lock.position()
        due = self._incoming is not None and self._incoming_due()
        if position.index == self._index and not due:
            if not position.ended:  # the timer ran ahead of the wall clock: wait the rest
                self._advance = self._clock.call_later(position.remaining, self._auto_advance)
            return
        self._stop_clock()
        self._present(position.index)

    def _incoming_due(self) -> bool:
        return not self.synced or self._clock.timestamp() >= self._incoming_at - INCOMING_EARLY_SECONDS

    def _following_clock(self) -> bool:
        return self.synced and self._is_playing()

    def _present(self, index: int) -> None:
        if self._incoming is not None and self._incoming_due():
            incoming = self._incoming
            if self._following_clock() and incoming.sync == "clock" and self._group_move_at is None:
                index = ClockLock(incoming, self._clock).position().index
            else:
                index = self._same_slide_in(incoming, index)
            self._next_show, self._incoming = incoming, None
        show = self._latest
        index = max(0, min(index, len(show.slides) - 1))
        if self._group_move_at is not None and self.synced:
            self._lock.start_group_epoch(self._group_move_at, index)
        self._target = index
        self._preparer.prepare(show, index, lambda: self._commit(show, index))

    @property
    def _latest(self) -> Show:
        """The content the show is moving to: new content still decoding, else the current."""
        return self._next_show or self._show

    def _same_slide_in(self, show: Show, index: int) -> int:
        """Where the slide the show was going to (by id) is in the new content."""
        current = self._latest
        wanted = current.slides[max(0, min(index, len(current.slides) - 1))].id
        found = show.index_of(wanted)
        return found if found is not None else min(index, len(show.slides) - 1)

    def _commit(self, show: Show, index: int) -> None:
        if index != self._target or show is not self._latest:
            return  # a later request overtook this one while its images decoded
        if show is not self._show and self._transition_left() > 0:
            # new content rebuilds every slide view: let the running transition finish first
            self._clock.call_later(self._transition_left(), lambda: self._commit(show, index))
            return
        self._target = -1
        self._index = index
        self._last_commit = self._clock.now()
        if show is not self._show:
            self._show, self._next_show = show, None
            self._lock.set_show(show)
            self.showChanged.emit()
            self.languageChanged.emit()  # the title and language_mode may have changed with it
        self._stop_clock()
        self._elapsed = 0.0
        self._set_progress(0.0)
        self.currentIndexChanged.emit()
        self.slideShown.emit(index)
        self._retime()

    def _transition_left(self) -> float:
        return self._last_commit + self._get_transition_ms() / 1000 - self._clock.now()

    def _retime(self) -> None:
        """Starts or stops the slide's clock to match playback and blackout."""
        should_run = self._is_playing() and self._index >= 0
        at_end = self._index == len(self._show.slides) - 1 and not self._show.loop
        if should_run and self._started_at is None:
            remaining = max(0.0, self._duration_of(self._index) + self._grace_of(self._index) - self._elapsed)
            if self.synced and self._pinned != self._index:
                position = self._lock.position()
                if position.index != self._index:  # rejoin the clock's slide, straight there
                    if self._target != position.index:
                        self._present(position.index)
                    return
                self._elapsed = position.offset
                remaining = 0.0 if position.ended else position.remaining
                self._steps.mark()
            if at_end and remaining <= 0:
                return
            self._started_at = self._clock.now()
            self._advance = self._clock.call_later(remaining, self._auto_advance)
            self._step_progress()
        elif not should_run:
            self._stop_clock()
        self.timingChanged.emit()

    def _follow_clock(self) -> bool:
        """Every step of a clock-locked show's time strip: after a clock step (NTP, a wrong
        clock fixed, a resume from sleep) go straight to the clock's slide, with one change;
        otherwise aim the next change at the wall clock again (a slewing clock drifts)."""
        self._pinned = -1
        moved = self._steps.moved()
        self._steps.mark()
        position = self._lock.position()
        if abs(moved) > STEP_TOLERANCE_SECONDS:
            log.info(
                "sync: the wall clock moved by %+.1f s; following it to slide %d", moved, position.index + 1
            )
        if position.index != self._index:
            self._stop_clock()
            self._present(position.index)
            return True
        self._elapsed, self._started_at = position.offset, self._clock.now()
        self._cancel(self._advance)
        self._advance = None
        if not position.ended:
            self._advance = self._clock.call_later(position.remaining, self._auto_advance)
        return False

    def _step_progress(self, follow: bool = False) -> None:
        """Moves the time strip to the last whole step and waits for the next one."""
        self._cancel(self._next_step)
        self._next_step = None
        if follow and self._following_clock() and self._started_at is not None and self._follow_clock():
            return
        elapsed = self._elapsed
        if self._started_at is not None:
            elapsed += self._clock.now() - self._started_at
        duration = self._duration_of(self._index) if self._index >= 0 else 1.0
        steps = math.floor(elapsed / TIME_STEP_SECONDS + 1e-6)
        self._set_progress(min(1.0, steps * TIME_STEP_SECONDS / duration))
        if self._started_at is not None:
            until_next = (steps + 1) * TIME_STEP_SECONDS - elapsed
            self._next_step = self._clock.call_later(until_next, lambda: self._step_progress(follow=True))

    def _set_progress(self, progress: float) -> None:
        if progress != self._progress:
            self._progress = progress
            self.progressChanged.emit()

    def _stop_clock(self) -> None:
        if self._started_at is not None:
            self._elapsed += self._clock.now() - self._started_at
            self._started_at = None
        self._cancel(self._advance)
        self._advance = None
        self._cancel(self._next_step)
        self._next_step = None

    @staticmethod
    def _cancel(pending: Pending | None) -> None:
        if pending is not None:
            pending.cancel()
