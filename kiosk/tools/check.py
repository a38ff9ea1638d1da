"""`kiosk check`: every problem a curator can fix at the desk, found before opening day.

It loads the show like the wall does, then lays out every slide in every language at every
target size with the show's own QML and reads the result: cut-off or overlapping text,
pictures that are missing, undecodable or too small, characters the font lacks, and slides
too short to read.
"""

from __future__ import annotations

import dataclasses
import math
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import segno
from PySide6.QtCore import QCoreApplication, QRectF, QSize
from PySide6.QtGui import QImageReader, QTextLayout, QTextOption
from PySide6.QtQuick import QQuickItem

from ..content.errors import ContentError, Problem, Severity
from ..content.loader import load_show
from ..content.model import Show
from ..player.assets import SLOW_DECODE_SECONDS, decode, outside_error
from ..player.fonts import missing_characters
from ..player.qrcode import ERROR_CORRECTION
from ..player.video import ENABLE_HINT, probe_clip, video_available
from .offscreen import items_named, open_still, settle_on

MAX_UPSCALE = 1.5
MIN_QR_MM = 25.0  # the smallest QR code a phone reads reliably ...
VIEWING_METRES = 3.0  # ... for a visitor who sees it from here and steps up to scan it
MAX_LINK_CHARS = 200  # longer addresses make a dense code that old phones struggle with
DEFAULT_SCREEN_INCHES = 55.0
BOLD_FIELDS = ("title", "subtitle", "unit")
TEXT_NAMES = ("label", "unit", "value")
ORPHAN_FIELDS = ("title", "label")  # texts whose last line must not be a lone character or word
SHORT_WORD = 4  # letters or digits: "up", "2023" alone on a last line look like a mistake


@dataclass(frozen=True)
class Finding:
    """One layout finding at one size and language, before grouping into a Problem."""

    field: str
    kind: str  # "cut" | "overlap" | "offscreen" | "upscale" | "orphan"
    where: str  # e.g. "1080x1920 (en)"
    detail: str = ""


def check_show(
    path: Path,
    sizes: tuple[QSize, ...],
    family: str,
    language_mode: str | None = None,
    screen_inches: float = DEFAULT_SCREEN_INCHES,
    say: Callable[[str], None] = print,
) -> list[Problem]:
    """All problems with the show at `path`, sorted by line; what each clip is goes to `say`.
    Needs a QGuiApplication. The layout is checked in the show's language_mode and, if given,
    in `language_mode` too."""
    try:
        show, warnings = load_show(path)
    except ContentError as error:
        return error.problems
    problems = list(warnings)
    problems += check_pictures(show, max(sizes, key=lambda size: size.width() * size.height()))
    problems += check_clips(show, say)
    problems += check_glyphs(show, family)
    problems += check_durations(show)
    problems += check_schedule(show)
    problems += check_links(show)
    modes = dict.fromkeys([show.language_mode, language_mode or show.language_mode])
    problems += check_layout(show, sizes, tuple(modes), screen_inches)
    return sorted(problems, key=lambda p: (p.line, p.column, p.message))


def _problem(show: Show, field: str, message: str, hint: str = "", warning: bool = False) -> Problem:
    line, column = show.position_of(field)
    severity = Severity.WARNING if warning else Severity.ERROR
    return Problem(show.source, line, column, field, message, hint, severity)


def size_name(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"


# -- pictures -------------------------------------------------------------------------------


def check_pictures(show: Show, box: QSize = QSize(1920, 1080)) -> list[Problem]:
    """Decodes every picture exactly as the wall does (same code, screen-sized), so what
    passes here shows there: truncated, oversize, outside or unreadable files are errors,
    and a picture slow to decode is a warning."""
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
        started = time.thread_time()  # CPU time: what the picture costs, not how busy the PC is
        error = outside_error(slide.image, show.source.parent)
        if not error:
            error = decode(slide.image, box)[1]
        seconds = time.thread_time() - started
        if error:
            problems.append(
                _problem(
                    show,
                    field,
                    f"{slide.image.name} cannot be read as a picture ({error})",
                    "save it again as jpg, png, webp or svg, at about screen size",
                )
            )
        elif seconds > SLOW_DECODE_SECONDS:
            problems.append(
                _problem(
                    show,
                    field,
                    f"{slide.image.name} takes {seconds:.1f} s to decode at {size_name(box)}",
                    "save it smaller, or an SVG as a PNG; the wall keeps it decoded, but every start pays",
                    warning=True,
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
    if slide.image is None or slide.image.suffix.lower() == ".svg" or not slide.image.is_file():
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
    texts = {"show.title": show.title, "show.attract": show.attract, "show.link_label": show.link_label}
    for i, slide in enumerate(show.slides):
        texts.update({f"slides[{i}].{name}": text for name, text in slide.texts().items()})
    for field, text in texts.items():
        bold = field.rsplit(".", 1)[-1] in BOLD_FIELDS
        missing = sorted(
            {
                char
                for value in text.all_texts()
                for char in missing_characters(value, family, bold)
                if draws_a_box(char)
            }
        )
        if missing:
            shown = " ".join(
                f"{char} (U+{ord(char):04X})" if char.isprintable() else f"U+{ord(char):04X}"
                for char in missing
            )
            problems.append(
                _problem(
                    show,
                    field,
                    f"the font {family!r} has no glyph for {shown}",
                    "these would show as empty boxes: rewrite them, or set show.theme.font to a font that has them",
                )
            )
    return problems


def draws_a_box(char: str) -> bool:
    """Invisible format characters (zero-width space, BOM, bidi marks) and U+FFFD never show
    as empty boxes, so they are not reported as missing glyphs."""
    return unicodedata.category(char) != "Cf" and char != "\ufffd"


def check_schedule(show: Show) -> list[Problem]:
    if show.schedule is not None and show.schedule.never_opens:
        return [
            _problem(
                show,
                "show.schedule",
                "the schedule names no opening hours, so the show never opens",
                'add hours such as  daily: "09:00-17:30", or remove the schedule',
                warning=True,
            )
        ]
    return []


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


# -- read-more links -------------------------------------------------------------------------


def check_links(show: Show) -> list[Problem]:
    """Each link must fit a QR code; one that looks like a web address must be one a phone
    opens without a warning (https) and short enough for a code that scans at a glance."""
    problems = []
    links = [("show.link", show.link)] + [(f"slides[{i}].link", s.link) for i, s in enumerate(show.slides)]
    for field, link in links:
        if link:
            problems += [
                _problem(show, field, message, hint, warning) for message, hint, warning in link_issues(link)
            ]
    return problems


def link_issues(link: str) -> Iterator[tuple[str, str, bool]]:
    """(message, hint, is_warning) for each thing wrong with a read-more link."""
    try:
        segno.make(link, error=ERROR_CORRECTION, micro=False)
    except segno.DataOverflowError:
        yield f"the link is too long for a QR code ({len(link)} characters)", "shorten it", False
        return
    parts = urlsplit(link)
    looks_like_address = bool(parts.scheme and parts.netloc) or link.lower().startswith("www.")
    if looks_like_address and parts.scheme.lower() != "https":
        scheme = parts.scheme or "no scheme"
        yield (
            f"the link's address uses {scheme}, not https",
            "write it as https://... so visitors' phones open it without a warning",
            parts.scheme.lower() == "http",
        )
    elif looks_like_address and " " in link:
        yield "the address has a space in it", "remove it, or write it as %20", False
    if len(link) > MAX_LINK_CHARS:
        yield (
            f"the link is {len(link)} characters long; its QR code gets dense and hard to scan",
            f"use a shorter address (at most {MAX_LINK_CHARS} characters), e.g. from a link shortener you trust",
            True,
        )


def millimetres_per_pixel(size: QSize, screen_inches: float) -> float:
    """How wide one pixel is on a screen of that diagonal (square pixels)."""
    diagonal_pixels = math.hypot(size.width(), size.height())
    return screen_inches * 25.4 / diagonal_pixels


def qr_findings(slide_item: QQuickItem, field: str, size: QSize, screen_inches: float, where: str):
    """The QR code must be at least MIN_QR_MM wide on the hall's screen."""
    for code in items_named(slide_item, "qr-code"):
        if not code.isVisible() or not code.parentItem().isVisible():
            continue
        millimetres = code.width() * millimetres_per_pixel(size, screen_inches)
        if millimetres + 0.05 < MIN_QR_MM:
            detail = f"{millimetres:.0f} mm on a {screen_inches:g}-inch screen"
            yield Finding(field, "small-qr", where, detail)


# -- layout ---------------------------------------------------------------------------------


def check_layout(
    show: Show,
    sizes: tuple[QSize, ...],
    modes: tuple[str, ...] = ("toggle",),
    screen_inches: float = DEFAULT_SCREEN_INCHES,
) -> list[Problem]:
    """Every slide in every language at every size, in each language mode, then the overview."""
    findings: list[Finding] = []
    for mode in modes:
        for size in sizes:
            running = open_still(dataclasses.replace(show, language_mode=mode), size)
            try:
                for language in show.languages:
                    running.controller.set_language(language)
                    label = f"both, {language} first" if mode == "both" else language
                    where = f"{size_name(size)} ({label})"
                    for index in range(len(show.slides)):
                        settle_on(running, index)
                        findings += layout_findings(running, show, index, where)
                        slide_item = slide_item_of(running, show, index)
                        link_field = f"slides[{index}].link" if show.slides[index].link else "show.link"
                        findings += qr_findings(slide_item, link_field, size, screen_inches, where)
                    if mode == modes[0]:
                        findings += overview_findings(
                            running, show, f"{size_name(size)} ({language}, overview)"
                        )
            finally:
                running.close()
    return group_findings(show, findings)


def slide_item_of(running, show: Show, index: int) -> QQuickItem:
    (slide_item,) = items_named(running.window.contentItem(), f"slide-{show.slides[index].id}")
    return slide_item


def overview_findings(running, show: Show, where: str) -> Iterator[Finding]:
    """The overview's grid: every slide's label fits its cell, every cell is on the screen."""
    running.overview.show_overview()
    QCoreApplication.processEvents()
    try:
        (grid,) = items_named(running.window.contentItem(), "overview")
        window = QRectF(0, 0, running.window.width(), running.window.height())
        for index in range(len(show.slides)):
            (label,) = items_named(grid, f"label-{index}")
            (cell,) = items_named(grid, f"cell-{index}")
            if label.property("truncated") or label.property("contentHeight") > label.height() + 1:
                yield Finding(f"slides[{index}].title", "cut", where)
            elif not window.contains(scene_rect(cell)):
                yield Finding(f"slides[{index}].title", "offscreen", where)
    finally:
        running.overview.close()


def layout_findings(running, show: Show, index: int, where: str) -> Iterator[Finding]:
    slide_item = slide_item_of(running, show, index)
    for item in walk(slide_item):
        item.ensurePolished()  # Columns place their children at polish time, before a frame
    window = QRectF(0, 0, running.window.width(), running.window.height())
    boxes: list[tuple[str, QRectF]] = []
    for item, field in text_items(slide_item, index, bool(show.slides[index].link)):
        rect = scene_rect(item)
        if item.property("truncated"):
            yield Finding(field, "cut", where)
        elif not window.contains(rect):
            yield Finding(field, "offscreen", where)
        elif field.rsplit(".", 1)[-1] in ORPHAN_FIELDS and (orphan := lone_last_line(item)):
            yield Finding(field, "orphan", where, orphan)
        boxes.append((field, rect))
    for picture in items_named(slide_item, "picture"):
        if picture.isVisible():
            yield from upscale_findings(show, index, picture, where)
            if show.slides[index].layout == "highlight":
                boxes.append((f"slides[{index}].image", painted_rect(picture)))
    for code in items_named(slide_item, "qr-code"):
        if code.parentItem().isVisible():
            boxes.append((f"slides[{index}].link", scene_rect(code)))
    for (field_a, a), (field_b, b) in pairs(boxes):
        if a.intersects(b) and field_a != field_b:
            yield Finding(field_a, "overlap", where, field_b.rsplit(".", 1)[-1])


def text_items(root: QQuickItem, index: int, own_link: bool = True) -> Iterator[tuple[QQuickItem, str]]:
    """Visible text items of one slide with the slides.yaml field each one shows (the link's
    label is the show's when the slide gives no link of its own)."""
    for item in walk(root):
        name = item.objectName().replace("second:", "field:", 1)  # both: the second language
        if name == "field:label":  # a figure's label in the second language
            name = "label"
        if not item.isVisible() or not (name.startswith("field:") or name in TEXT_NAMES):
            continue
        if name == "field:link_label" and not own_link:
            yield item, "show.link_label"
        elif name == "field:show-title":
            yield item, "show.title"
        elif name == "field:number":
            continue
        elif name.startswith("field:"):
            yield item, f"slides[{index}].{name.removeprefix('field:')}"
        else:
            figure = figure_number(item)
            yield item, f"slides[{index}].figures[{figure}].{name}"


def lone_last_line(item: QQuickItem) -> str:
    """The last line of a wrapped text item when it is one CJK character or one short word.

    The item's text is laid out again with its own font and width, as QML's Text does; a
    layout that disagrees with the item's line count is not judged.
    """
    text = item.property("text") or ""
    lines = wrapped_lines(text, item.property("font"), item.width())
    if len(lines) < 2 or len(lines) != item.property("lineCount"):
        return ""
    last = lines[-1].strip()
    core = "".join(char for char in last if not unicodedata.category(char).startswith(("P", "Z")))
    if len(core) == 1 and is_cjk(core):
        return last
    if core and " " not in last and len(core) <= SHORT_WORD and core.isalnum() and not is_cjk(core[0]):
        return last
    return ""


def is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def wrapped_lines(text: str, font, width: float) -> list[str]:
    """`text` broken into lines as a QML Text with `wrapMode: Text.Wrap` breaks it."""
    lines = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
    return lines


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
        elif kind == "small-qr":
            problems.append(
                _problem(
                    show,
                    field,
                    f"the QR code is too small to scan at {at}: {detail}, under {MIN_QR_MM:g} mm "
                    f"(visitors see it from {VIEWING_METRES:g} m and step up)",
                    "use --screen-inches for the hall's screen; a smaller screen needs a larger layout",
                )
            )
        elif kind == "overlap":
            problems.append(
                _problem(
                    show, field, f"overlaps the slide's {detail} at {at}", "shorten the summary or the labels"
                )
            )
        elif kind == "orphan":
            problems.append(
                _problem(
                    show,
                    field,
                    f"the last line is only {detail!r} at {at}",
                    "reword or shorten it, or break the line by hand, so the last line holds more",
                    warning=True,
                )
            )
        else:
            problems.append(
                _problem(show, field, f"the picture looks blurred at {at}: {detail}", "", warning=True)
            )
    return problems
