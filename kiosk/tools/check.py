"""`kiosk check`: every problem a curator can fix at the desk, found before opening day.

It loads the show like the wall does, then lays out every slide in every language at every
target size with the show's own QML and reads the result: cut-off or overlapping text,
pictures that are missing, undecodable or too small, characters the font lacks, and slides
too short to read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImageReader
from PySide6.QtQuick import QQuickItem

from ..content.errors import ContentError, Problem, Severity
from ..content.loader import load_show
from ..content.model import Show
from ..player.fonts import missing_characters
from ..player.video import ENABLE_HINT, probe_clip, video_available
from .offscreen import items_named, open_still, settle_on

MAX_UPSCALE = 1.5
BOLD_FIELDS = ("title", "subtitle", "unit")
TEXT_NAMES = ("label", "unit", "value")


@dataclass(frozen=True)
class Finding:
    """One layout finding at one size and language, before grouping into a Problem."""

    field: str
    kind: str  # "cut" | "overlap" | "offscreen" | "upscale"
    where: str  # e.g. "1080x1920 (en)"
    detail: str = ""


def check_show(
    path: Path, sizes: tuple[QSize, ...], family: str, say: Callable[[str], None] = print
) -> list[Problem]:
    """All problems with the show at `path`, sorted by line; what each clip is goes to `say`.
    Needs a QGuiApplication."""
    try:
        show, warnings = load_show(path)
    except ContentError as error:
        return error.problems
    problems = list(warnings)
    problems += check_pictures(show)
    problems += check_clips(show, say)
    problems += check_glyphs(show, family)
    problems += check_durations(show)
    problems += check_layout(show, sizes)
    return sorted(problems, key=lambda p: (p.line, p.column, p.message))


def _problem(show: Show, field: str, message: str, hint: str = "", warning: bool = False) -> Problem:
    line, column = show.position_of(field)
    severity = Severity.WARNING if warning else Severity.ERROR
    return Problem(show.source, line, column, field, message, hint, severity)


def size_name(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"


# -- pictures -------------------------------------------------------------------------------


def check_pictures(show: Show) -> list[Problem]:
    problems = []
    for i, slide in enumerate(show.slides):
        if slide.image is None:
            continue
        field = f"slides[{i}].image"
        if not slide.image.exists():
            problems.append(
                _problem(
                    show, field, f"picture not found: {slide.image.name}", "check the file name and folder"
                )
            )
            continue
        reader = QImageReader(str(slide.image))
        if not reader.size().isValid() or not reader.canRead():
            problems.append(
                _problem(
                    show,
                    field,
                    f"{slide.image.name} cannot be read as a picture ({reader.errorString()})",
                    "save it again as jpg, png, webp or svg",
                )
            )
    return problems


def check_clips(show: Show, say: Callable[[str], None] = print) -> list[Problem]:
    """Posters and background pictures like pictures; clips by decoding their first frames,
    which is the only sure test (AV1 without a decoder opens fine and shows nothing)."""
    problems = []
    can_play = video_available()
    for i, slide in enumerate(show.slides):
        stills = [("poster", slide.poster)]
        clips = [("video", slide.video)]
        is_clip_background = slide.background is not None and slide.clip == slide.background
        (clips if is_clip_background else stills).append(("background", slide.background))
        for name, path in stills:
            if path is not None:
                problems += _picture_problems(show, f"slides[{i}].{name}", path)
        for name, path in clips:
            if path is None:
                continue
            field = f"slides[{i}].{name}"
            if not path.exists():
                problems.append(
                    _problem(show, field, f"clip not found: {path.name}", "check the file name and folder")
                )
            elif not can_play:
                message = "video is not installed: the wall shows the poster (or a placeholder) instead"
                problems.append(_problem(show, field, message, ENABLE_HINT, warning=True))
            else:
                info = probe_clip(path)
                if info.error:
                    hint = "save it again as H.264 in an .mp4 file (e.g. ffmpeg -i IN -c:v libx264 OUT.mp4)"
                    problems.append(
                        _problem(show, field, f"{path.name} cannot be played: {info.error}", hint)
                    )
                else:
                    line, column = show.position_of(field)
                    say(f"{show.source.name}:{line}:{column}: note: {field}: {path.name}: {info.describe()}")
    return problems


def _picture_problems(show: Show, field: str, path: Path) -> list[Problem]:
    if not path.exists():
        return [_problem(show, field, f"picture not found: {path.name}", "check the file name and folder")]
    reader = QImageReader(str(path))
    if not reader.size().isValid() or not reader.canRead():
        message = f"{path.name} cannot be read as a picture ({reader.errorString()})"
        return [_problem(show, field, message, "save it again as jpg, png, webp or svg")]
    return []


def upscale_findings(show: Show, index: int, item: QQuickItem, where: str) -> Iterator[Finding]:
    slide = show.slides[index]
    if slide.image is None or slide.image.suffix.lower() == ".svg" or not slide.image.exists():
        return
    source = QImageReader(str(slide.image)).size()
    if not source.isValid() or item.width() <= 0 or item.height() <= 0:
        return
    scales = (item.width() / source.width(), item.height() / source.height())
    scale = max(scales) if slide.layout in ("cover", "closing") else min(scales)
    if scale > MAX_UPSCALE:
        needed = f"{round(source.width() * scale)}x{round(source.height() * scale)}"
        detail = (
            f"{source.width()}x{source.height()} pixels, enlarged {scale:.1f}x; use one of about {needed}"
        )
        yield Finding(f"slides[{index}].image", "upscale", where, detail)


# -- glyphs and durations --------------------------------------------------------------------


def check_glyphs(show: Show, family: str) -> list[Problem]:
    problems = []
    texts = {"show.title": show.title}
    for i, slide in enumerate(show.slides):
        texts.update({f"slides[{i}].{name}": text for name, text in slide.texts().items()})
    for field, text in texts.items():
        bold = field.rsplit(".", 1)[-1] in BOLD_FIELDS
        missing = sorted(
            {char for value in text.all_texts() for char in missing_characters(value, family, bold)}
        )
        if missing:
            shown = " ".join(f"{char} (U+{ord(char):04X})" for char in missing[:12])
            problems.append(
                _problem(
                    show,
                    field,
                    f"the font {family!r} has no glyph for {shown}",
                    "these would show as empty boxes: rewrite them, or set show.theme.font to a font that has them",
                )
            )
    return problems


def check_durations(show: Show) -> list[Problem]:
    problems = []
    for i, slide in enumerate(show.slides):
        needed = slide.reading_seconds(show.languages)
        duration = show.duration_of(i)
        if duration + 0.05 < needed:
            field = f"slides[{i}].duration" if slide.duration is not None else f"slides[{i}]"
            problems.append(
                _problem(
                    show,
                    field,
                    f"{duration:g} s is too short to read this slide",
                    f"give it at least {needed:.0f} s (1 s per 8 Chinese characters, never under 8 s)",
                    warning=True,
                )
            )
    return problems


# -- layout ---------------------------------------------------------------------------------


def check_layout(show: Show, sizes: tuple[QSize, ...]) -> list[Problem]:
    findings: list[Finding] = []
    for size in sizes:
        running = open_still(show, size)
        try:
            for language in show.languages:
                running.controller.set_language(language)
                for index in range(len(show.slides)):
                    settle_on(running, index)
                    where = f"{size_name(size)} ({language})"
                    findings += layout_findings(running, show, index, where)
        finally:
            running.close()
    return group_findings(show, findings)


def layout_findings(running, show: Show, index: int, where: str) -> Iterator[Finding]:
    (slide_item,) = items_named(running.window.contentItem(), f"slide-{show.slides[index].id}")
    window = QRectF(0, 0, running.window.width(), running.window.height())
    boxes: list[tuple[str, QRectF]] = []
    for item, field in text_items(slide_item, index):
        rect = scene_rect(item)
        if item.property("truncated"):
            yield Finding(field, "cut", where)
        elif not window.contains(rect):
            yield Finding(field, "offscreen", where)
        boxes.append((field, rect))
    for picture in items_named(slide_item, "picture"):
        if picture.isVisible():
            yield from upscale_findings(show, index, picture, where)
            if show.slides[index].layout == "highlight":
                boxes.append((f"slides[{index}].image", painted_rect(picture)))
    for (field_a, a), (field_b, b) in pairs(boxes):
        if a.intersects(b) and field_a != field_b:
            yield Finding(field_a, "overlap", where, field_b.rsplit(".", 1)[-1])


def text_items(root: QQuickItem, index: int) -> Iterator[tuple[QQuickItem, str]]:
    """Visible text items of one slide with the slides.yaml field each one shows."""
    for item in walk(root):
        name = item.objectName()
        if not item.isVisible() or not (name.startswith("field:") or name in TEXT_NAMES):
            continue
        if name == "field:show-title":
            yield item, "show.title"
        elif name == "field:number":
            continue
        elif name.startswith("field:"):
            yield item, f"slides[{index}].{name.removeprefix('field:')}"
        else:
            figure = figure_number(item)
            yield item, f"slides[{index}].figures[{figure}].{name}"


def figure_number(item: QQuickItem) -> int:
    while item is not None and not item.objectName().startswith("figure-"):
        item = item.parentItem()
    return int(item.objectName().removeprefix("figure-")) if item is not None else 0


def walk(root: QQuickItem) -> Iterator[QQuickItem]:
    for child in root.childItems():
        yield child
        yield from walk(child)


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def painted_rect(picture: QQuickItem) -> QRectF:
    """Where a fitted picture is actually drawn: left-aligned, centred vertically in its box."""
    box = scene_rect(picture)
    width, height = picture.property("paintedWidth"), picture.property("paintedHeight")
    return QRectF(box.x(), box.y() + (box.height() - height) / 2, width, height)


def pairs(boxes: list[tuple[str, QRectF]]) -> Iterator[tuple[tuple[str, QRectF], tuple[str, QRectF]]]:
    """Pairs of boxes from different fields, but not a figure's value with its own unit."""
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            if first[0].rsplit(".", 1)[0] == second[0].rsplit(".", 1)[0] and ".figures[" in first[0]:
                continue
            yield first, second


def group_findings(show: Show, findings: list[Finding]) -> list[Problem]:
    grouped: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for finding in findings:
        key = (finding.field, finding.kind, finding.detail)
        if finding.where not in grouped[key]:
            grouped[key].append(finding.where)
    problems = []
    for (field, kind, detail), wheres in grouped.items():
        at = ", ".join(wheres)
        if kind == "cut":
            problems.append(_problem(show, field, f"the text does not fit its box at {at}", "shorten it"))
        elif kind == "offscreen":
            problems.append(_problem(show, field, f"the text runs off the screen at {at}", "shorten it"))
        elif kind == "overlap":
            problems.append(
                _problem(
                    show, field, f"overlaps the slide's {detail} at {at}", "shorten the summary or the labels"
                )
            )
        else:
            problems.append(
                _problem(show, field, f"the picture looks blurred at {at}: {detail}", "", warning=True)
            )
    return problems
