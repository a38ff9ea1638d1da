"""`kiosk render --pdf`: the document a hall's approver signs. A first page lists every slide
with its duration, its figures and `check`'s verdict; then every slide, one per page, as the
wall shows it, with a footer naming the show, the slide, the content's hash and the date.

Qt Quick draws with the GPU and cannot paint to a QPainter as vectors, so each slide is the
show's own QML grabbed at the screen's pixel size and placed on a page sized so one screen
pixel is one dot at 300 dpi (1920x1080 → 6.4 x 3.6 in; printing scales it to the paper). So
that the words stay findable and selectable, every text the slide shows is written as real
PDF text at the place the show drew it, underneath the picture of the slide. The first page
and the footers are vector text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextDocument,
)

from ..content.errors import Problem
from ..content.model import Show, Slide
from ..unattended.watch import content_hash
from .check import size_name
from .drawn import Drawing, draw_slide
from .offscreen import open_still

DOTS_PER_INCH = 300
FOOTER_SHARE = 0.07  # of the slide's shorter side: the footer strip under each slide


def searchable(font: QFont) -> QFont:
    """`font` as PDF text a reader can search and copy. With localized forms ('locl') on,
    Noto Sans CJK draws digits beside Latin letters with glyphs Qt's PDF writer cannot map back
    to characters, so pdftotext and copy-paste lose them; the digits look the same without."""
    font = QFont(font)
    font.setFeature(QFont.Tag("locl"), 0)
    font.setFeature(QFont.Tag("liga"), 0)  # 'fi' stays two letters, not the ligature ﬁ
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0)  # spaced letters read as words
    return font


@dataclass(frozen=True)
class Written:
    pages: int
    text_findable: bool  # False: pypdf missing, some Chinese cannot be searched for


def write_pdf(
    show: Show,
    target: Path,
    size: QSize,
    languages: Sequence[str],
    problems: Sequence[Problem],
    printed: date | None = None,
) -> Written:
    """Writes the sign-off PDF, one slide at a time (a 4K show would not fit in memory at
    once). Needs a QGuiApplication."""
    printed = printed or date.today()
    footer = round(min(size.width(), size.height()) * FOOTER_SHARE)
    writer = QPdfWriter(str(target))
    writer.setResolution(DOTS_PER_INCH)
    writer.setTitle(f"{show.title.get(languages[0])} — slides for approval")
    writer.setCreator("kiosk render --pdf")
    page_inches = QSizeF(size.width() / DOTS_PER_INCH, (size.height() + footer) / DOTS_PER_INCH)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(page_inches, QPageSize.Unit.Inch, "slide"),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {target}")
    stamp = Stamp(show, size, printed, content_hash(show.source))
    families = {QGuiApplication.font().family()}
    pages = 1
    try:
        draw_summary(
            painter, QRectF(0, 0, size.width(), size.height() + footer), show, languages, problems, stamp
        )
        for language in languages:
            for page in draw_slides(show, size, language):
                writer.newPage()
                draw_slide_page(painter, page, size, footer, show, stamp)
                families |= {drawn.font.family() for drawn in page.texts}
                pages += 1
    finally:
        painter.end()
    return Written(pages, make_text_findable(target, sorted(families)))


# -- making Chinese text findable ---------------------------------------------------------------

RADICALS = range(0x2E80, 0x2FE0)  # CJK radicals, which CJK fonts draw with ideographs' glyphs
IDEOGRAPHS = (range(0x4E00, 0xA000), range(0x3400, 0x4DC0), range(0xF900, 0xFB00))
HEX_TOKEN = re.compile(r"<([0-9A-Fa-f]{4})>")


def radical_twins(families: Sequence[str]) -> dict[int, int]:
    """Radical → the ideograph drawn with the same glyph (⼤ U+2F24 → 大 U+5927) in these fonts.

    Qt's PDF writer maps each glyph back to the lowest code point drawn with it, so a PDF with
    Noto Sans CJK says '⼤' where the slide says '大': searching for 大 would not find it."""
    twins: dict[int, int] = {}
    for family in families:
        for bold in (False, True):
            font = QFont(family)
            font.setBold(bold)
            raw = QRawFont.fromFont(font)
            by_glyph: dict[int, int] = {}
            for block in reversed(IDEOGRAPHS):  # unified ideographs win: written last
                text = "".join(map(chr, block))
                by_glyph.update(zip(raw.glyphIndexesForString(text), block, strict=True))
            by_glyph.pop(0, None)
            radicals = "".join(map(chr, RADICALS))
            for code, glyph in zip(RADICALS, raw.glyphIndexesForString(radicals), strict=True):
                if glyph and glyph in by_glyph:
                    twins.setdefault(code, by_glyph[glyph])
    return twins


def remap_to_unicode(cmap: str, twins: dict[int, int]) -> str:
    """A ToUnicode CMap with every radical target replaced by its ideograph twin. Source codes
    (glyph ids) are left alone: only tokens after the first on a line, or inside [...], change."""

    def target(match: re.Match[str]) -> str:
        code = int(match[1], 16)
        return f"<{twins[code]:04X}>" if code in twins else match[0]

    lines = []
    for line in cmap.splitlines():
        head, bracket, rest = line.partition("[")
        tokens = line.split(" ")
        if bracket:
            lines.append(head + bracket + HEX_TOKEN.sub(target, rest))
        elif len(tokens) in (2, 3) and all(HEX_TOKEN.fullmatch(token) for token in tokens):
            lines.append(" ".join([*tokens[:-1], HEX_TOKEN.sub(target, tokens[-1])]))
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def make_text_findable(target: Path, families: Sequence[str]) -> bool:
    """Rewrites the PDF's text maps so Chinese is found and copied as written. False when pypdf
    (the `pdf` extra) is not installed: the PDF is still right to look at, only searching for
    some Chinese characters fails."""
    try:
        from pypdf import PdfWriter
        from pypdf.generic import NameObject
    except ImportError:
        return False
    twins = radical_twins(families)
    writer = PdfWriter(clone_from=str(target))
    done: set[int] = set()
    for page in writer.pages:
        for reference in page["/Resources"].get("/Font", {}).values():
            mapping = reference.get_object().get(NameObject("/ToUnicode"))
            if mapping is None or id(mapping.get_object()) in done:
                continue
            stream = mapping.get_object()
            done.add(id(stream))
            stream.set_data(remap_to_unicode(stream.get_data().decode("latin-1"), twins).encode("latin-1"))
    with target.open("wb") as out:
        writer.write(out)
    return True


@dataclass(frozen=True)
class Stamp:
    """What every page says about the document: which show, which content, when."""

    show: Show
    size: QSize
    printed: date
    content: str

    def footer(self, slide: Slide, index: int, language: str) -> tuple[str, str]:
        left = f"{self.show.title.get(language)}   ·   {index + 1} / {len(self.show.slides)}   {slide.id}"
        right = f"{language}  {size_name(self.size)}   ·   content {self.content}   ·   printed {self.printed:%Y-%m-%d}"
        return left, right


def draw_slides(show: Show, size: QSize, language: str) -> Iterator[Drawing]:
    """Every slide in its final state in one language, with the texts the show drew on it."""
    running = open_still(show, size, language)
    try:
        for index in range(len(show.slides)):
            drawing = draw_slide(running, show, index)
            running.cache.wait_idle()  # no picture decodes while the page is painted
            yield drawing
    finally:
        running.close()


def draw_slide_page(
    painter: QPainter, page: Drawing, size: QSize, footer: int, show: Show, stamp: Stamp
) -> None:
    # the words first, as real text, then the picture of the slide over them
    painter.setPen(QColor("black"))
    for drawn in page.texts:
        painter.setFont(searchable(drawn.font))
        painter.drawText(
            drawn.rect, int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap), drawn.text
        )
    painter.drawImage(QRectF(0, 0, size.width(), size.height()), page.image)
    strip = QRectF(0, size.height(), size.width(), footer)
    painter.fillRect(strip, QColor("white"))
    left, right = stamp.footer(show.slides[page.index], page.index, page.language)
    font = searchable(QFont(QGuiApplication.font().family()))
    font.setPixelSize(max(10, round(footer * 0.3)))
    painter.setFont(font)
    painter.setPen(QColor("#333333"))
    inner = strip.adjusted(footer * 0.4, 0, -footer * 0.4, 0)
    metrics = QFontMetricsF(font)
    if metrics.horizontalAdvance(f"{left}    {right}") <= inner.width():
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), left)
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), right)
    else:  # a narrow (portrait) page: one line under the other
        top, bottom = (
            inner.adjusted(0, 0, 0, -inner.height() / 2),
            inner.adjusted(0, inner.height() / 2, 0, 0),
        )
        painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), left)
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), right)


# -- the first page ----------------------------------------------------------------------------


def slide_of(problem: Problem) -> int | None:
    """Which slide a problem is about (from its field, e.g. 'slides[3].title'), or None."""
    if not problem.field.startswith("slides["):
        return None
    return int(problem.field[len("slides[") : problem.field.index("]")])


def verdict(problems: Sequence[Problem]) -> str:
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    if not problems:
        return "OK"
    parts = [f"{errors} error(s)" if errors else "", f"{warnings} warning(s)" if warnings else ""]
    return ", ".join(part for part in parts if part)


def summary_html(show: Show, languages: Sequence[str], problems: Sequence[Problem], stamp: Stamp) -> str:
    language = languages[0]
    escape = html.escape
    rows = []
    for index, slide in enumerate(show.slides):
        own = [problem for problem in problems if slide_of(problem) == index]
        figures = "<br>".join(
            escape(f"{figure.formatted()} {figure.unit.get(language)} {figure.label.get(language)}".strip())
            for figure in slide.figures
        )
        titles = "<br>".join(escape(" ".join(slide.title.get(each).split())) for each in languages)
        findings = "".join(f"<br><small>{escape(problem.message)}</small>" for problem in own)
        colour = "#b00020" if any(problem.is_error for problem in own) else "#222222"
        rows.append(
            f"<tr><td>{index + 1}</td><td>{escape(slide.id)}</td>"
            f"<td>{titles}</td><td align=right>{show.duration_of(index):g} s</td>"
            f"<td>{figures}</td><td style='color:{colour}'>{escape(verdict(own))}{findings}</td></tr>"
        )
    general = [problem for problem in problems if slide_of(problem) is None]
    general_lines = "".join(f"<p style='color:#b00020'>{escape(str(problem))}</p>" for problem in general)
    overall = verdict(problems)
    ready = (
        "ready for approval" if not any(p.is_error for p in problems) else "NOT ready: fix the errors first"
    )
    total = sum(show.duration_of(i) for i in range(len(show.slides)))
    return f"""
<h2>{escape(show.title.get(language))}</h2>
<p>{escape(show.source.name)} · {len(show.slides)} slides · one round {total:g} s · languages
{escape(", ".join(languages))} · {size_name(stamp.size)} · content {stamp.content} ·
printed {stamp.printed:%Y-%m-%d}</p>
<p><b>kiosk check at {size_name(stamp.size)}: {escape(overall)} — {ready}</b></p>
{general_lines}
<table border=1 cellspacing=0 cellpadding=4 width=100%>
<tr><th width=3%>#</th><th width=12%>id</th><th width=30%>title</th><th width=7%>duration</th>
<th width=34%>figures</th><th width=14%>check</th></tr>
{"".join(rows)}
</table>
<p>Approved by: ______________________ &nbsp;&nbsp; Date: ______________ &nbsp;&nbsp; Signature: ______________________</p>
"""


def draw_summary(
    painter: QPainter,
    page: QRectF,
    show: Show,
    languages: Sequence[str],
    problems: Sequence[Problem],
    stamp: Stamp,
) -> None:
    """The table of slides, shrunk if need be so it stays on the one first page."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(painter.device())
    font = searchable(QFont(QGuiApplication.font().family()))
    font.setPixelSize(max(12, round(min(page.width(), page.height()) / 48)))
    document.setDefaultFont(font)
    margin = min(page.width(), page.height()) * 0.05
    width = page.width() - 2 * margin
    document.setTextWidth(width)
    document.setHtml(summary_html(show, languages, problems, stamp))
    height = document.size().height()
    scale = min(1.0, (page.height() - 2 * margin) / height) if height else 1.0
    if scale < 1.0:  # lay it out wider, then shrink the whole table to the page
        document.setTextWidth(width / scale)
        height = document.size().height()
        scale = min(scale, (page.height() - 2 * margin) / height, 1.0)
    painter.save()
    painter.translate(QPointF(margin, margin))
    painter.scale(scale, scale)
    document.drawContents(painter)
    painter.restore()
