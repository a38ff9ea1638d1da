"""How the show moves on its own and how it answers people: auto-advance, loop, pause,
idle resume and idle home, blackout and language, on a clock the test controls."""

from __future__ import annotations

from dataclasses import replace

from kiosk.clock import ManualClock
from kiosk.content.model import Show
from kiosk.player.controller import Playback, ShowController


def playing(show: Show, clock: ManualClock, **kwargs: object) -> ShowController:
    return ShowController(show, clock, **kwargs)


def test_each_slide_stays_up_for_its_duration_then_the_show_moves_on(small_show, clock) -> None:
    show = playing(small_show, clock)
    assert show.currentIndex == 0
    clock.advance(9.9)
    assert show.currentIndex == 0
    clock.advance(0.1)
    assert show.currentIndex == 1
    clock.advance(10)
    assert show.currentIndex == 2  # "second" lasts 20 s, not the default 10
    clock.advance(19.9)
    assert show.currentIndex == 2
    clock.advance(0.1)
    assert show.currentIndex == 3


def test_after_the_last_slide_it_loops_to_the_first(small_show, clock) -> None:
    show = playing(small_show, clock)
    clock.advance(10 + 10 + 20 + 10)
    assert show.currentIndex == 0
    clock.advance(10)
    assert show.currentIndex == 1


def test_with_loop_off_it_stays_on_the_last_slide(small_show, clock) -> None:
    show = playing(replace(small_show, loop=False), clock)
    clock.advance(10 + 10 + 20 + 10)
    assert show.currentIndex == 3
    clock.advance(600)
    assert show.currentIndex == 3
    assert clock.pending_count == 0


def test_manual_navigation_holds_the_slide_until_nobody_has_touched_it_for_a_while(small_show, clock) -> None:
    show = playing(small_show, clock)
    show.user_input()
    show.next()
    assert show.currentIndex == 1
    assert show.playback is Playback.HOLDING
    clock.advance(29)
    assert show.currentIndex == 1  # would have moved on after 10 s if still playing
    show.user_input()  # someone is still reading: the 30 s start again
    clock.advance(29)
    assert show.currentIndex == 1
    clock.advance(1)
    assert show.playback is Playback.PLAYING
    clock.advance(10)
    assert show.currentIndex == 2


def test_pause_holds_until_pressed_again(small_show, clock) -> None:
    show = playing(small_show, clock)
    clock.advance(4)
    show.user_input()
    show.toggle_pause()
    assert not show.playing
    clock.advance(100)
    assert show.currentIndex == 0
    show.user_input()
    show.toggle_pause()
    assert show.playing
    clock.advance(5.9)
    assert show.currentIndex == 0  # the 4 s already shown count
    clock.advance(0.1)
    assert show.currentIndex == 1


def test_a_forgotten_pause_ends_at_idle_home(small_show, clock) -> None:
    show = playing(small_show, clock)
    show.user_input()
    show.next()
    show.user_input()
    show.toggle_pause()
    clock.advance(179)
    assert (show.currentIndex, show.playing) == (1, False)
    clock.advance(1)
    assert (show.currentIndex, show.playing) == (0, True)


def test_after_idle_home_seconds_without_input_the_show_returns_to_the_first_slide(small_show, clock) -> None:
    show = playing(replace(small_show, idle_resume_seconds=600), clock)
    show.user_input()
    show.go_to_number(2)
    clock.advance(179)
    assert show.currentIndex == 2
    clock.advance(1)
    assert show.currentIndex == 0
    assert show.playback is Playback.PLAYING


def test_idle_home_also_lifts_a_forgotten_blackout(small_show, clock) -> None:
    show = playing(small_show, clock)
    show.user_input()
    show.toggle_blackout()
    clock.advance(180)
    assert not show.blackout
    assert show.playing


def test_blackout_stops_the_clock_and_the_next_key_only_brings_the_slide_back(small_show, clock) -> None:
    show = playing(small_show, clock)
    show.user_input()
    show.toggle_blackout()
    assert show.blackout and not show.playing
    clock.advance(60)
    assert show.currentIndex == 0
    show.user_input()
    show.next()
    assert not show.blackout
    assert show.currentIndex == 0


def test_language_cycles_through_the_configured_languages(small_show, clock) -> None:
    show = playing(small_show, clock)
    assert show.language == "zh"
    assert show.title == "测试展"
    show.cycle_language()
    assert (show.language, show.title) == ("en", "Test show")
    show.cycle_language()
    assert show.language == "zh"


def test_number_keys_jump_to_highlights_and_unknown_numbers_do_nothing(small_show, clock) -> None:
    show = playing(small_show, clock)
    show.go_to_number(2)
    assert (show.currentIndex, show.highlightNumber) == (2, 2)
    show.go_to_number(7)
    assert show.currentIndex == 2


def test_previous_from_the_first_slide_wraps_to_the_last(small_show, clock) -> None:
    show = playing(small_show, clock)
    show.previous()
    assert show.currentIndex == 3
    show.next()
    assert show.currentIndex == 0


def test_a_slide_is_only_presented_once_its_pictures_are_ready(small_show, clock) -> None:
    class SlowPictures:
        def __init__(self) -> None:
            self.waiting: dict[int, object] = {}

        def prepare(self, show, index, ready) -> None:
            self.waiting[index] = ready

    pictures = SlowPictures()
    show = ShowController(small_show, clock, pictures)
    assert show.currentIndex == -1
    pictures.waiting.pop(0)()
    assert show.currentIndex == 0
    show.next()
    assert show.currentIndex == 0  # the previous slide stays up while the next decodes
    show.next()
    pictures.waiting.pop(1)()  # the first request finished late: it is overtaken
    assert show.currentIndex == 0
    pictures.waiting.pop(2)()
    assert show.currentIndex == 2


def test_the_time_bar_reads_elapsed_and_remaining_time(small_show, clock) -> None:
    show = playing(small_show, clock)
    assert (show.durationMs, show.elapsedMs, show.timing) == (10_000, 0, True)
    clock.advance(4)
    show.toggle_pause()
    assert (show.elapsedMs, show.timing) == (4000, False)


def test_the_time_bar_grows_once_a_second_and_starts_empty_on_every_slide(small_show, clock) -> None:
    show = playing(small_show, clock)  # 10 s per slide
    steps = []
    show.progressChanged.connect(lambda: steps.append(round(show.progress, 2)))
    clock.advance(0.9)
    assert show.progress == 0  # nothing moves between steps
    clock.advance(0.2)
    assert show.progress == 0.1
    clock.advance(2.0)
    assert steps == [0.1, 0.2, 0.3]
    show.toggle_pause()
    clock.advance(5)
    assert show.progress == 0.3  # paused: the bar stays where it was
    show.toggle_pause()
    clock.advance(7)  # 3.1 s + 7 s: the next slide is up
    assert show.currentIndex == 1
    assert show.progress == 0.0


def test_new_content_waits_for_a_running_transition_to_finish(small_show, clock) -> None:
    show = playing(replace(small_show, transition="crossfade"), clock)
    clock.advance(10)  # "first" fades in now, for 0.7 s
    renamed = replace(
        small_show, slides=tuple(replace(s, id=s.id) for s in small_show.slides), transition="none"
    )
    show.replace_show(renamed)
    clock.advance(0.1)
    show.next()
    clock.advance(0.5)
    assert show.show is not renamed and show.currentIndex == 1
    clock.advance(0.11)
    assert show.show is renamed and show.currentIndex == 2
