"""The show as validated, immutable data: what the loader produces and everything else reads.

Nothing here knows about YAML or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .fields import fields_of_kind, spec
from .schedule import Schedule

LAYOUTS = ("cover", "highlight", "closing", "video")
MIN_SLIDE_SECONDS = 8.0
CJK_CHARS_PER_SECOND = 8  # a visitor at 3 m reads about this many Chinese characters a second
LATIN_CHARS_PER_SECOND = 20


def reading_seconds(text: str) -> float:
    """How long a visitor needs to read `text` from a wall screen."""
    cjk = sum(1 for char in text if "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef")
    other = sum(1 for char in text if not char.isspace()) - cjk
    return cjk / CJK_CHARS_PER_SECOND + other / LATIN_CHARS_PER_SECOND


TRANSITIONS = ("crossfade", "push", "none")
SYNC_MODES = ("none", "clock")  # each screen on its own, or every screen from the wall clock
LANGUAGE_MODES = ("toggle", "both")  # one language at a time (L switches), or two together
VIDEO_UNTIL = ("end", "duration")
VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".mkv", ".webm")


def is_video(path: Path) -> bool:
    return path.suffix.lower() in VIDEO_SUFFIXES


@dataclass(frozen=True)
class Text:
    """A text in one or more languages; a plain string serves every language."""

    by_language: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str) -> Text:
        return cls((("*", text),))

    def get(self, language: str) -> str:
        values = dict(self.by_language)
        if language in values:
            return values[language]
        if "*" in values:
            return values["*"]
        return self.by_language[0][1] if self.by_language else ""

    def all_texts(self) -> list[str]:
        return [text for _, text in self.by_language]


EMPTY = Text(())


# Languages that group a figure's digits in thousands, and with what: 448,400 in English,
# 448400 in Chinese (as the article writes it).
THOUSANDS_SEPARATORS = {"en": ","}


def thousands_separator(language: str) -> str:
    """The separator `language` puts between groups of three digits ("" for none)."""
    return THOUSANDS_SEPARATORS.get(language.split("-", 1)[0], "")


def group_digits(digits: str, separator: str) -> str:
    """'448400.5' with ',' -> '448,400.5'; the decimals are never grouped."""
    if not separator:
        return digits
    sign = "-" if digits.startswith("-") else ""
    whole, dot, decimals = digits.removeprefix("-").partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    return sign + separator.join([whole, *groups]) + dot + decimals


@dataclass(frozen=True)
class Amount:
    """A number as written in slides.yaml: its value and how many decimals it was given with."""

    value: float
    decimals: int


@dataclass(frozen=True)
class Figure:
    """A key figure: shown exactly as written in slides.yaml, counting up from zero.

    `value`/`decimals` serve every language; `by_language` may give a language its own amount
    (370.97 billion yuan in English for 3709.7 亿元 in Chinese).
    """

    value: float = field(
        metadata=spec(
            "amount",
            "the figure, written as it is shown (3709.7 keeps its decimal); or one per language, {zh: 3709.7, en: 370.97}",
            "数值，按显示的样子写（3709.7 保留小数）；也可按语言分别写",
            required=True,
        )
    )
    decimals: int = 0  # how many decimals `value` was written with
    unit: Text = field(
        default=EMPTY,
        metadata=spec("text", "the unit beside the number, e.g. 亿元 or %", "数字旁的单位，如 亿元 或 %"),
    )
    label: Text = field(
        default=EMPTY, metadata=spec("text", "what the figure counts, under it", "数字下方的说明")
    )
    by_language: tuple[tuple[str, Amount], ...] = ()  # from a per-language `value`

    def amount(self, language: str) -> Amount:
        """The amount shown in `language`: its own if it has one, else the shared one."""
        return dict(self.by_language).get(language, Amount(self.value, self.decimals))

    def formatted(self, fraction: float = 1.0, language: str = "*") -> str:
        """The value as the wall shows it in `language` (digits grouped where it groups them)."""
        amount = self.amount(language)
        digits = f"{amount.value * fraction:.{amount.decimals}f}"
        return group_digits(digits, thousands_separator(language))


@dataclass(frozen=True)
class Theme:
    background: str = field(
        default="#0b1622", metadata=spec("colour", "the screen's background colour", "背景色")
    )
    accent: str = field(
        default="#f2b84b", metadata=spec("colour", "numbers, rules and markers", "强调色：数字、线条、标记")
    )
    text: str = field(default="#f3efe6", metadata=spec("colour", "the colour of the text", "文字颜色"))
    font: str = field(
        default="",
        metadata=spec(
            "string",
            "an installed font family to use instead of the bundled one",
            "改用的已安装字体（默认用自带字体）",
        ),
    )


@dataclass(frozen=True)
class Slide:
    id: str = field(
        metadata=spec(
            "id",
            "a short name for the slide, unique in the show, e.g. twin-city",
            "幻灯片的简短标识，在本展中唯一",
            required=True,
        )
    )
    layout: str = field(
        metadata=spec("choice", "how the slide is laid out", "版式", required=True, choices=LAYOUTS)
    )
    line: int = 0  # where the slide starts in slides.yaml
    number: int | None = field(
        default=None,
        metadata=spec(
            "whole",
            "the highlight's number (1, 2, ...), shown and used by the number keys",
            "亮点编号，显示在标题前，数字键按它跳转",
            minimum=1,
            maximum=99,
        ),
    )
    title: Text = field(default=EMPTY, metadata=spec("text", "the slide's title", "标题"))
    subtitle: Text = field(
        default=EMPTY,
        metadata=spec("text", "a line above the title (cover and closing)", "标题上方的一行（封面和结尾）"),
    )
    summary: Text = field(
        default=EMPTY, metadata=spec("text", "a few sentences under the title", "标题下的几句说明")
    )
    image: Path | None = field(
        default=None,
        metadata=spec(
            "picture",
            "a picture in the show's folder (jpg, png, webp, svg)",
            "展览文件夹中的图片（jpg、png、webp、svg）",
        ),
    )
    video: Path | None = field(
        default=None,
        metadata=spec(
            "video",
            "a video clip in the show's folder (mp4, m4v, mov, mkv, webm), shown where the picture goes",
            "展览文件夹中的视频（mp4、m4v、mov、mkv、webm），显示在图片的位置",
        ),
    )
    video_loop: bool = field(
        default=True,
        metadata=spec(
            "boolean",
            "with video_until: duration, start the clip again at its end (false: hold its last frame)",
            "video_until 为 duration 时，视频播完从头再放（false：停在最后一帧）",
        ),
    )
    video_until: str = field(
        default="end",
        metadata=spec(
            "choice",
            "end: next slide when the clip ends; duration: after the slide's duration",
            "end：视频播完换下一张；duration：按停留秒数换",
            choices=VIDEO_UNTIL,
        ),
    )
    poster: Path | None = field(
        default=None,
        metadata=spec(
            "picture",
            "a picture shown until the clip's first frame, if it cannot play, and by render",
            "视频第一帧出现前、视频无法播放时和 render 显示的图片",
        ),
    )
    muted: bool = field(
        default=True,
        metadata=spec(
            "boolean", "the clip plays without sound (false: with sound)", "视频静音播放（false：有声音）"
        ),
    )
    background: Path | None = field(
        default=None,
        metadata=spec(
            "media",
            "a picture or looping clip filling the screen behind a cover or closing slide",
            "封面或结尾幻灯片的全屏背景：图片或循环播放的视频",
        ),
    )
    caption: Text = field(default=EMPTY, metadata=spec("text", "what the picture shows", "图片说明"))
    note: Text = field(
        default=EMPTY,
        metadata=spec("text", "a small line at the bottom (source, date)", "底部小字（来源、日期）"),
    )
    figures: tuple[Figure, ...] = field(
        default=(),
        metadata=spec(
            "figures",
            "key figures: value, unit, label (two to four read best)",
            "最多四个关键数字：数值、单位、说明",
        ),
    )
    duration: float | None = field(
        default=None,
        metadata=spec(
            "seconds",
            "seconds on screen (default: show.advance_seconds)",
            "停留秒数（默认 show.advance_seconds）",
            minimum=1,
            maximum=86_400,
        ),
    )
    link: str = field(
        default="",
        metadata=spec(
            "link",
            "read more: an https:// address (or short text) shown as a QR code (default: show.link)",
            "延伸阅读：以二维码显示的 https:// 网址或短文本（默认 show.link）",
        ),
    )
    link_label: Text = field(
        default=EMPTY,
        metadata=spec(
            "text",
            "a line beside the QR code, e.g. Scan to read the full story",
            "二维码旁的说明，如 扫码阅读全文",
        ),
    )

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file the slide names (picture, poster, clip, background): what must be there,
        and be watched, kept and copied with the show."""
        named = (self.image, self.poster, self.video, self.background)
        return tuple(dict.fromkeys(path for path in named if path is not None))

    @property
    def picture(self) -> Path | None:
        """The still picture the slide shows: its image, else the clip's poster, else a
        background picture (a clip draws over it once its first frame is ready)."""
        background = self.background if self.background and not is_video(self.background) else None
        return self.image or self.poster or background

    @property
    def clip(self) -> Path | None:
        """The slide's video clip: `video`, else a background clip; None without one."""
        if self.video is not None:
            return self.video
        return self.background if self.background and is_video(self.background) else None

    @property
    def clip_loops(self) -> bool:
        """A background always loops; a clip loops when the slide lasts `duration`."""
        if self.video is None:
            return self.clip is not None
        return self.video_until == "duration" and self.video_loop

    @property
    def ends_with_clip(self) -> bool:
        """The show moves on when the clip ends (not after a duration)."""
        return self.video is not None and self.video_until == "end"

    def reading_seconds(self, languages: tuple[str, ...]) -> float:
        """The time needed to read everything on the slide, in its slowest language."""
        needed = [
            reading_seconds("".join(text.get(language) for text in self.texts().values()))
            for language in languages
        ]
        return max([MIN_SLIDE_SECONDS, *needed])

    def texts(self) -> dict[str, Text]:
        """Every text field of the slide by name, figures included (for checks)."""
        fields = {name: getattr(self, name) for name in fields_of_kind(Slide, "text")}
        for i, figure in enumerate(self.figures):
            fields[f"figures[{i}].unit"] = figure.unit
            fields[f"figures[{i}].label"] = figure.label
        return fields


@dataclass(frozen=True)
class Show:
    source: Path
    slides: tuple[Slide, ...]
    title: Text = field(
        default=EMPTY,
        metadata=spec("text", "the show's name, shown above every highlight", "展览名称，显示在每个亮点上方"),
    )
    languages: tuple[str, ...] = field(
        default=("zh", "en"),
        metadata=spec(
            "languages", "the languages of the show, the first shown first", "展览的语言，第一个为默认"
        ),
    )
    advance_seconds: float = field(
        default=12.0,
        metadata=spec(
            "seconds",
            "seconds each slide stays, unless it says otherwise",
            "每张幻灯片默认停留秒数",
            minimum=1,
            maximum=86_400,
        ),
    )
    loop: bool = field(
        default=True, metadata=spec("boolean", "start again after the last slide", "最后一张后从头开始")
    )
    transition: str = field(
        default="crossfade",
        metadata=spec("choice", "how one slide gives way to the next", "切换效果", choices=TRANSITIONS),
    )
    idle_resume_seconds: float = field(
        default=30.0,
        metadata=spec(
            "seconds",
            "after a visitor's last touch, play on after this long",
            "观众最后一次操作后，多少秒继续自动播放",
            minimum=1,
            maximum=86_400,
        ),
    )
    idle_home_seconds: float = field(
        default=180.0,
        metadata=spec(
            "seconds",
            "after a visitor's last touch, go back to the first slide after this long",
            "观众最后一次操作后，多少秒回到第一张",
            minimum=1,
            maximum=86_400,
        ),
    )
    theme: Theme = field(default_factory=Theme, metadata=spec("theme", "colours and font", "颜色和字体"))
    schedule: Schedule | None = field(
        default=None,
        metadata=spec(
            "schedule", "opening hours; outside them the screen is dark", "开放时间；闭馆时屏幕熄灭"
        ),
    )
    language_mode: str = field(
        default="toggle",
        metadata=spec(
            "choice",
            "toggle: one language at a time (L switches); both: the first large, the second beneath",
            "toggle：一次一种语言（L 键切换）；both：第一种语言为主，第二种在下方",
            choices=LANGUAGE_MODES,
        ),
    )
    link: str = field(
        default="",
        metadata=spec(
            "link",
            "read more, for every slide that gives none: an https:// address shown as a QR code",
            "所有幻灯片的延伸阅读（幻灯片未另写时）：以二维码显示的 https:// 网址",
        ),
    )
    link_label: Text = field(
        default=EMPTY,
        metadata=spec("text", "the line beside show.link's QR code", "show.link 二维码旁的说明"),
    )
    attract: Text = field(
        default=EMPTY,
        metadata=spec(
            "text",
            "a line on the strip when nobody has touched the screen, e.g. Touch to explore",
            "无人操作时底栏显示的一行，如 触摸屏幕了解更多",
        ),
    )
    attract_after_seconds: float = field(
        default=45.0,
        metadata=spec(
            "seconds",
            "show the attract line after this long without a touch",
            "无人操作多少秒后显示 attract",
            minimum=1,
            maximum=86_400,
        ),
    )
    sync: str = field(
        default="none",
        metadata=spec(
            "choice",
            "clock: the slide on screen follows the wall clock, so screens with the same file "
            "and an NTP-synchronised clock change together; none: each screen on its own",
            "clock：按墙上时钟决定当前幻灯片，使用同一文件且时钟已同步（NTP）的屏幕同时切换；"
            "none：各屏幕独立播放",
            choices=SYNC_MODES,
        ),
    )
    sync_epoch: float | None = field(
        default=None,
        metadata=spec(
            "clocktime",
            "with sync clock: the local time the cycle counts from each day, e.g. 09:00 "
            "(default: the day's opening time, or midnight without a schedule)",
            "sync 为 clock 时：每天循环起算的本地时间，如 09:00（默认为当天开馆时间，无开放时间则为零点）",
        ),
    )
    positions: tuple[tuple[str, int, int], ...] = ()  # field path, line, column in the file

    def position_of(self, path: str) -> tuple[int, int]:
        """Where a field (e.g. 'slides[3].figures[0].label') was written, or its nearest parent."""
        known = {entry[0]: (entry[1], entry[2]) for entry in self.positions}
        while path:
            if path in known:
                return known[path]
            path = path.rsplit(".", 1)[0] if "." in path else ""
        return (1, 1)

    def duration_of(self, index: int) -> float:
        slide = self.slides[index]
        return slide.duration if slide.duration is not None else self.advance_seconds

    def index_of(self, slide_id: str) -> int | None:
        for i, slide in enumerate(self.slides):
            if slide.id == slide_id:
                return i
        return None

    def index_of_number(self, number: int) -> int | None:
        for i, slide in enumerate(self.slides):
            if slide.number == number:
                return i
        return None

    def link_of(self, index: int) -> tuple[str, Text]:
        """The slide's read-more link and its label, or the show's when the slide gives none."""
        slide = self.slides[index]
        if slide.link:
            return slide.link, slide.link_label
        return self.link, self.link_label

    @property
    def highlight_count(self) -> int:
        return sum(1 for slide in self.slides if slide.number is not None)
