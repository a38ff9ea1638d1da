"""The shipped show itself: the article's ten highlights in order, every figure exactly as the
article states it, both languages everywhere, pictures that decode, time enough to read."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from kiosk.content.model import Show
from kiosk.player.assets import decode

from ..helpers import REPO

ARTICLE = REPO.parent / "shared" / "source" / "article.txt"
ARTICLE_HEADLINES = [
    "政治铸魂闭环落实 政治生态向上向好",
    "“一号工程”其势正成 “双城共进”其兴可待",
    "经济指标排位提升 高质量发展“打头阵”",
    "“33618”现代制造业集群体系建设提速",
    "数字重庆渐入佳境 服务能力整体跃升",
    "大通道“通陆联海” 开放高地快速崛起",
    "一体推进“九治” “美丽重庆”越来越美",
    "纵深推进文旅融合 “诗和远方”走向质变",
    "平安建设全面夯实 群众安全感不断提升",
    "推动党建统领“885”工作体系向下拓展延伸",
]


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the source article is missing at {ARTICLE}")
        pytest.skip("the source article (../shared/source/article.txt) is not beside this clone")
    return ARTICLE.read_text(encoding="utf-8")


def highlights(show: Show):
    return [slide for slide in show.slides if slide.layout == "highlight"]


def test_a_cover_then_ten_numbered_highlights_then_a_closing_slide(real_show) -> None:
    layouts = [slide.layout for slide in real_show.slides]
    assert layouts == ["cover", *["highlight"] * 10, "closing"]
    assert [slide.number for slide in highlights(real_show)] == list(range(1, 11))


RELATIVE_TIME_WORDS = {
    "zh": ["今年", "全年", "明年", "去年", "每年", "本年", "年内"],
    "en": ["this year", "next year", "last year", "every year", "all year", "this past year"],
}
REPORTERS = ["周尤", "陈国栋", "唐琴", "夏元", "何春阳", "杨骏", "陈维灯", "韩毅", "周松"]
REPORTERS_EN = ["Zhou You", "Chen Guodong", "Tang Qin", "Xia Yuan", "He Chunyang", "Yang Jun"]
REPORTERS_EN += ["Chen Weideng", "Han Yi", "Zhou Song"]


def unbroken(text: str) -> str:
    """A title as one line: the show breaks each headline between its two clauses."""
    return re.sub(r"\s", "", text)


def every_text(show: Show, language: str) -> dict[str, str]:
    texts = {"show.title": show.title.get(language)}
    for slide in show.slides:
        for name, text in slide.texts().items():
            texts[f"{slide.id}.{name}"] = text.get(language)
    return texts


def sections(article: str) -> list[str]:
    """Each highlight's part of the article: its item in the opening list, and its section."""
    lines = [line.strip() for line in article.splitlines() if line.strip()]
    first_nine = [i for i, line in enumerate(lines) if line.endswith(";")][:9]
    items = [lines[i] for i in first_nine] + [lines[first_nine[-1] + 1]]
    starts = [article.index(headline) for headline in ARTICLE_HEADLINES] + [article.index("短评>>>")]
    bodies = [article[start:end] for start, end in itertools.pairwise(starts)]
    return [re.sub(r"\s", "", item + body) for item, body in zip(items, bodies, strict=True)]


def test_the_highlights_carry_the_article_headlines_in_the_article_order(real_show, article) -> None:
    titles = [unbroken(slide.title.get("zh")) for slide in highlights(real_show)]
    assert titles == [unbroken(headline) for headline in ARTICLE_HEADLINES]
    positions = [article.index(headline) for headline in ARTICLE_HEADLINES]
    assert positions == sorted(positions)


def test_the_cover_credits_the_paper_and_the_closing_slide_the_reporters_and_commentator(
    real_show, article
) -> None:
    cover, closing = real_show.slides[0], real_show.slides[-1]
    for note in (cover.note.get("zh"), closing.note.get("zh")):
        assert "《重庆日报》2023年12月25日" in note
    assert "华龙网转载" in cover.note.get("zh") and "华龙网" in article
    assert "统计时段以各项标注为准" in cover.note.get("zh")  # the periods differ by figure
    assert "Chongqing Daily, 25 December 2023" in cover.note.get("en")
    assert "Hualong" in cover.note.get("en") and "periods differ" in cover.note.get("en")
    assert "短评作者：王瑞琳" in closing.note.get("zh") and "Wang Ruilin" in closing.note.get("en")
    assert all(name in closing.note.get("zh") and name in article for name in REPORTERS)
    assert all(name in closing.note.get("en") for name in REPORTERS_EN)
    assert closing.title.get("zh") == "让亮点成为新的起点"
    assert "让亮点成为新的起点" in article
    assert "凡是过往，皆为序章" in closing.summary.get("zh")  # the commentary, quoted


def test_no_text_says_this_year_or_next_year(real_show) -> None:
    """The show runs long after 2023: every period is written as a year."""
    for language, words in RELATIVE_TIME_WORDS.items():
        for field, text in every_text(real_show, language).items():
            found = [word for word in words if word in text.lower()]
            assert not found, f"{field} ({language}) says {found}: write the year"


def test_the_three_figures_that_misled_name_their_real_subject_and_period(real_show) -> None:
    slides = {slide.id: slide for slide in real_show.slides}
    beibei = slides["jinyun"].figures[1]
    assert (beibei.formatted(language="zh"), beibei.unit.get("zh")) == ("44.84", "万人")
    assert "北碚区" in beibei.label.get("zh") and "近年累计" in beibei.label.get("zh")
    assert "Beibei District" in beibei.label.get("en") and "recent years" in beibei.label.get("en")
    teu = slides["corridor"].figures[2]
    assert (teu.formatted(language="zh"), teu.unit.get("zh")) == ("16.1", "万标箱")
    assert "重庆经通道" in teu.label.get("zh") and "by Chongqing" in teu.label.get("en")
    problems, rectified = slides["party-building"].figures[1:]
    assert (problems.formatted(), rectified.formatted()) == ("695", "627")
    assert problems.label.get("zh").startswith("沙坪坝区") and "Shapingba" in problems.label.get("en")
    assert rectified.label.get("zh").startswith("其中") and rectified.label.get("en").startswith("of them")


def test_english_amounts_are_written_the_english_way(real_show) -> None:
    shown = {
        f"{figure.formatted(language='en')} {figure.unit.get('en')}".strip()
        for slide in highlights(real_show)
        for figure in slide.figures
    }
    for amount in ("448,400 visitors", "370.97 billion yuan", "1.8435 million", "161,000 TEU", "1,031"):
        assert amount in shown
    assert not any("×" in text for text in shown)


def test_the_codes_33618_and_1361_are_explained_for_foreign_visitors(real_show) -> None:
    slides = {slide.id: slide for slide in real_show.slides}
    manufacturing, digital = slides["manufacturing"].summary, slides["digital"].summary
    assert "3个万亿级、3个5000亿级、6个千亿级和18个“新星”" in manufacturing.get("zh")
    assert "3 industrial clusters at the scale of a trillion yuan" in manufacturing.get("en")
    assert "1个公共数据平台、3级治理中心、6大应用系统、1个基层智治体系" in digital.get("zh")
    assert "1 public data platform, 3 tiers" in digital.get("en")


def test_every_highlight_has_two_to_four_figures_with_units(real_show) -> None:
    """A Chinese figure always has its unit; an English one may carry its noun in the label
    instead ("1,031 / towns and subdistricts, ..."), so a standard phrase is never split."""
    for slide in highlights(real_show):
        assert 2 <= len(slide.figures) <= 4, slide.id
        for figure in slide.figures:
            assert isinstance(figure.value, float)
            assert figure.unit.get("zh") and (figure.unit.get("en") or figure.label.get("en")), slide.id


def test_every_figure_is_written_in_its_own_section_of_the_article_exactly_as_shown(
    real_show, article
) -> None:
    for slide, section in zip(highlights(real_show), sections(article), strict=True):
        for figure in slide.figures:
            shown = figure.formatted(language="zh") + figure.unit.get("zh")
            assert shown in section, f"{slide.id}: {shown} is not in its section of the article"


def test_every_text_has_chinese_and_english(real_show) -> None:
    assert set(real_show.languages) == {"zh", "en"}
    for slide in real_show.slides:
        for name, text in slide.texts().items():
            values = dict(text.by_language)
            if "*" in values:
                assert name.endswith(".unit") and values["*"] == "%", f"{slide.id}.{name} is not translated"
            elif name.endswith(".unit") and values.get("zh") and not values.get("en"):
                continue  # the English label carries the noun (see the figures test)
            elif values:
                assert values.get("zh") and values.get("en"), f"{slide.id}.{name}"
                assert values["zh"] != values["en"]
        assert slide.title.get("zh") and slide.caption.get("zh"), slide.id


def test_chinese_summaries_are_short_enough_to_read_on_a_wall(real_show) -> None:
    for slide in real_show.slides:
        assert len(slide.summary.get("zh")) <= 62, slide.id


def test_every_picture_exists_and_decodes(real_show) -> None:
    for slide in real_show.slides:
        assert slide.image is not None and slide.image.exists(), slide.id
        assert slide.image.is_relative_to(REPO / "assets" / "images")
        image, error = decode(slide.image, QSize(800, 500))
        assert error == "" and not image.isNull(), slide.id
        assert image.width() == 800


def test_each_slide_stays_up_long_enough_to_read(real_show) -> None:
    for index, slide in enumerate(real_show.slides):
        needed = slide.reading_seconds(real_show.languages)
        assert real_show.duration_of(index) >= needed >= 8, slide.id


def test_the_artwork_is_original_vector_art_without_text(real_show) -> None:
    for slide in real_show.slides:
        svg = Path(slide.image).read_text(encoding="utf-8")
        assert "<text" not in svg and "<image" not in svg, slide.id
