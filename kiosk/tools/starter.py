"""`kiosk init DIR`: a new show folder to start from, never written over an existing one.

The starter is a cover, one highlight and a closing slide with three of the shipped pictures;
`--example` copies the whole shipped show instead. Either passes `kiosk check` as written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..content.schema import SCHEMA_FILE_NAME, schema_text, with_modeline
from ..content.shipped import SHIPPED_IMAGES, SHIPPED_SLIDES

STARTER_PICTURES = ("00-cover.svg", "03-gdp.svg", "11-closing.svg")
PICTURES = Path("assets") / "images"

STARTER_SLIDES = """\
# A new show: a cover, one highlight and a closing slide. Edit the texts, put your pictures in
# assets/images/ and name them below, then check your edits with:  kiosk check slides.yaml
# Every key is explained in the README ("slides.yaml").
show:
  title:
    zh: 我们的展览
    en: Our exhibition
  languages: [zh, en]
  advance_seconds: 15
  loop: true
  transition: crossfade

slides:
  - id: cover
    layout: cover
    subtitle:
      zh: 欢迎参观
      en: Welcome
    title:
      zh: 展览标题
      en: Exhibition title
    summary:
      zh: 用一两句话说明这个展览讲什么。
      en: One or two sentences on what this exhibition is about.
    note:
      zh: 来源：在这里注明资料来源
      en: "Source: name your sources here"
    image: assets/images/00-cover.svg
    caption:
      zh: 封面图片的说明
      en: What the cover picture shows
    duration: 12

  - id: first
    layout: highlight
    number: 1
    title:
      zh: 第一个亮点
      en: The first highlight
    summary:
      zh: 这里写亮点的内容，一两句话即可。
      en: Say what happened here, in a sentence or two.
    image: assets/images/03-gdp.svg
    caption:
      zh: 图片说明
      en: What the picture shows
    figures:
      - value: 100
        unit:
          zh: 亿元
          en: ×100 million yuan
        label:
          zh: 一个关键数字
          en: one key figure
    duration: 15

  - id: closing
    layout: closing
    title:
      zh: 谢谢观看
      en: Thank you
    summary:
      zh: 一句结束语。
      en: A closing sentence.
    note:
      zh: 来源：在这里注明资料来源
      en: "Source: name your sources here"
    image: assets/images/11-closing.svg
    caption:
      zh: 结束页图片的说明
      en: What the closing picture shows
    duration: 10
"""


class FolderNotEmpty(Exception):
    """The files `init` would write are already there; nothing was written."""

    def __init__(self, existing: list[Path]) -> None:
        self.existing = existing
        super().__init__(", ".join(str(path) for path in existing))


def planned_files(example: bool) -> dict[Path, Path | str]:
    """Each file to write, relative to the new folder: the source file or the text. The show
    file's first line points editors at the schema written beside it (keys completed and
    described, mistakes underlined while typing)."""
    if example:
        shipped = with_modeline(SHIPPED_SLIDES.read_text(encoding="utf-8"))
        files: dict[Path, Path | str] = {Path("slides.yaml"): shipped}
        pictures = sorted(path.name for path in SHIPPED_IMAGES.iterdir() if path.is_file())
    else:
        files = {Path("slides.yaml"): with_modeline(STARTER_SLIDES)}
        pictures = list(STARTER_PICTURES)
    files[Path(SCHEMA_FILE_NAME)] = schema_text()
    for name in pictures:
        files[PICTURES / name] = SHIPPED_IMAGES / name
    return files


def write_starter(folder: Path, example: bool = False) -> Path:
    """Writes the new show into `folder` (made if need be); returns its slides.yaml.
    Raises FolderNotEmpty, before writing anything, when any of its files already exists."""
    files = planned_files(example)
    existing = [folder / relative for relative in files if (folder / relative).exists()]
    if existing:
        raise FolderNotEmpty(existing)
    for relative, source in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, Path):
            shutil.copyfile(source, target)
        else:
            target.write_text(source, encoding="utf-8")
    return folder / "slides.yaml"
