"""Before recognition: a crawler's metadata lines, the page chrome, and reports flattened onto one line.

A crawler's dump starts with lines of its own (`标题:`, `发布时间:`, `发布机构:`, `原文链接:` …, `====正文====`):
they are taken out of the text and kept as metadata. Page chrome (`当前位置：首页 > …`, `附件下载`, share and print
buttons) is dropped. A paragraph that holds a whole report — every tag and line break removed, so that headings,
labels and numbers run together — is cut at the words the templates know: the section headings (in their
order), then, inside sections 二, 三 and 四, the tables' captions, headers and row labels, with each label's
numbering (`5.`) kept with the label it belongs to, not with the digits before it. The title before the first
heading and the signature and date at the end are cut off too. What comes out is what a line-by-line copy of the
page would have given, so recognition reads it as any other text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .anchors import flattened_table_words, heading_key, inline_headings
from .document import Paragraph
from .structure import parse_date

_META = re.compile(
    r"^\s*(?P<key>标题|题目|文章标题|发布时间|发布日期|发文日期|成文日期|日期|时间|文号|发文字号|发布机构|发文机关|"
    r"发布单位|来源|信息来源|原文链接|链接|网址|URL|url|索引号|主题分类|分类|浏览次数|访问量|作者)\s*[:：]\s*(?P<value>.*)$"
)
_BODY_MARK = re.compile(r"^\s*[=＝\-—*#]{2,}\s*(?:正文|内容|全文)?\s*[=＝\-—*#]*\s*$")
_CHROME_LINE = re.compile(
    r"^(?:【|\[)?\s*(?:当前位置|您(?:现在)?的位置|所在位置|首页\s*[>＞»›]|打印本页|打印|关闭窗口|关闭|收藏|"
    r"返回顶部|分享到|分享|附件下载|附件[:：]?$|扫一扫|字号|【?字体|浏览次数|阅读次数|上一篇|下一篇|相关链接|"
    r"相关文章|责任编辑|主办单位|承办单位|版权所有|网站标识码|.{0,20}ICP备|.{0,20}公网安备)"
)
_LEADING_CHROME = re.compile(
    r"^(?:(?:当前位置|您(?:现在)?的位置|所在位置)\s*[:：]?\s*(?:[^>＞»›\n]{0,24}\s*[>＞»›]\s*)+[^>＞»›\n]{0,16}?"
    r"(?=\S{0,40}?(?:19|20)\d{2}\s*年))"
)
_TRAILING_CHROME = re.compile(
    r"(?:\s*(?:【|\[)?\s*(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部|分享到[:：]?|分享|附件下载|扫一扫[^\n]{0,30}|"
    r"微信|微博|QQ空间|字号[:：]?\s*大\s*中\s*小)\s*(?:】|\])?)+\s*$"
)
_ENDING = re.compile(
    r"(?P<signature>[^。；！？，、\s\d][^。；！？，、\d]{1,29}?)?\s*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$"
)
_TITLE_END = re.compile(r"年度报告|工作报告")
_FLAT = 120  # a paragraph this long that holds several headings or table words is a flattened report
_TABLE_SECTIONS = frozenset({"proactive", "requests", "appeals"})
_LEADING_VALUES = re.compile(r"^\s*[+\-]?\d[\d\s.,+\-]*(?:万元|元)?")
_GLUED_ORDINAL = re.compile(r"(?<=\d)\d\s*[.．、]\s*$")


@dataclass
class Metadata:
    """What a crawler's lines say about the page (values as written, stripped)."""

    title: str | None = None
    published: str | None = None
    agency: str | None = None
    url: str | None = None

    @property
    def published_on(self):
        return parse_date(self.published) if self.published else None


_FIELDS = {
    "标题": "title",
    "题目": "title",
    "文章标题": "title",
    "发布时间": "published",
    "发布日期": "published",
    "发文日期": "published",
    "成文日期": "published",
    "日期": "published",
    "时间": "published",
    "发布机构": "agency",
    "发文机关": "agency",
    "发布单位": "agency",
    "原文链接": "url",
    "链接": "url",
    "网址": "url",
    "URL": "url",
    "url": "url",
}


def prepare(blocks: list) -> tuple[list, Metadata]:
    """The blocks without crawler metadata and chrome, flattened paragraphs cut; and the metadata found."""
    metadata = Metadata()
    head = _metadata_head(blocks, metadata)
    kept = [b for b in blocks[head:] if not (isinstance(b, Paragraph) and _is_chrome(b.text))]
    if not any(isinstance(b, Paragraph) and len(b.text) >= _FLAT and b.spans is None for b in kept):
        return kept, metadata
    result: list = []
    for block in kept:
        if isinstance(block, Paragraph) and len(block.text) >= _FLAT and block.spans is None:
            result += [Paragraph(text) for text in cut_flattened(block.text)]
        else:
            result.append(block)
    return result, metadata


def _is_chrome(text: str) -> bool:
    return len(text) <= 80 and bool(_CHROME_LINE.match(text))


def _metadata_head(blocks: list, metadata: Metadata) -> int:
    """Read the crawler's lines at the top; return the index of the first block of the body."""
    index = 0
    for index, block in enumerate(blocks[:30]):
        if not isinstance(block, Paragraph):
            return index
        if _BODY_MARK.match(block.text):
            continue
        match = _META.match(block.text) if len(block.text) <= _FLAT * 2 else None
        if not match:
            return index
        field = _FIELDS.get(match.group("key"))
        value = match.group("value").strip()
        if field and value and getattr(metadata, field) is None:
            setattr(metadata, field, value)
    return index + 1 if blocks and index == len(blocks) - 1 else index


def cut_flattened(text: str) -> list[str]:
    """A flattened report as the lines a copy of the page would give (unchanged when it is not one)."""
    text = text.strip()
    text = _LEADING_CHROME.sub("", text[:300]) + text[300:]
    tail = max(0, len(text) - 200)
    text = text[:tail] + _TRAILING_CHROME.sub("", text[tail:])
    cuts = _heading_cuts(text)
    if not cuts:
        # a table flattened on a line of its own: its words, and no sentences (prose mentions the same words)
        table_like = text.count("。") <= 1 and len(flattened_table_words().findall(text)) >= 3
        return _table_lines(text) if table_like else [text]
    lines = _title_lines(text[: cuts[0][0]])
    for position, (start, key, heading_end) in enumerate(cuts):
        end = cuts[position + 1][0] if position + 1 < len(cuts) else len(text)
        heading = text[start:heading_end]
        body = text[heading_end:end]
        lines.append(heading)
        if position + 1 == len(cuts):
            body, ending = _ending(body)
        else:
            ending = []
        if key in _TABLE_SECTIONS:
            lines += _table_lines(body)
        elif body.strip():
            lines.append(body.strip())
        lines += ending
    return [line for line in lines if line.strip()]


def _heading_cuts(text: str) -> list[tuple[int, str, int]]:
    """(start, section key, end) of the section headings in the text, kept only in the template's order."""
    cuts: list[tuple[int, str, int]] = []
    order = ("overview", "proactive", "requests", "appeals", "problems", "other")
    last = -1
    for match in inline_headings().finditer(text):
        key = heading_key(match)
        rank = order.index(key)
        if rank > last:
            cuts.append((match.start(), key, match.end()))
            last = rank
    return cuts if len(cuts) >= 2 else []


def _title_lines(text: str) -> list[str]:
    text = text.strip()
    match = _TITLE_END.search(text, 0, 90)
    if match and match.end() < len(text):
        return [text[: match.end()], text[match.end() :]]
    return [text] if text else []


def _ending(body: str) -> tuple[str, list[str]]:
    """The signature and date that end the report, cut off its last section (looked for in the last 80
    characters only: the pattern is anchored at the end)."""
    tail = max(0, len(body) - 80)
    match = _ENDING.search(body, tail)
    if not match:
        return body, []
    signature = (match.group("signature") or "").strip()
    return body[: match.start()], [line for line in (signature, match.group("date")) if line]


def _table_lines(text: str) -> list[str]:
    """A table's text cut before each caption, header and label; the numbers after a word on a line of their
    own (a row label keeps its numbering, so `…20000025.属于三类…` gives `2000002` and `5.属于三类…`)."""
    found = list(flattened_table_words().finditer(text))
    if not found:
        return [text.strip()]
    lines = [text[: found[0].start()]]
    ends = [m.start() for m in found[1:]] + [len(text)]
    for match, end in zip(found, ends, strict=True):
        # the word's match is where the piece starts: no match ends beyond the next one's start
        rest = text[match.end() : end]
        lines.append(match.group(0))
        leading = _LEADING_VALUES.match(rest)
        if leading and leading.end() < len(rest.rstrip()):
            # numbers, then text this pattern does not know (a label broken by a stray word): the numbers are
            # the row's; a numbering glued to their end (`…00000003.补…`) starts the text
            values = leading.group(0)
            ordinal = _GLUED_ORDINAL.search(values)
            cut = ordinal.start() if ordinal else len(values)
            lines += [values[:cut], rest[cut:]]
        else:
            lines.append(rest)
    return [line.strip() for line in lines if line.strip()]
