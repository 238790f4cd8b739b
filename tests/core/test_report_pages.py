"""The annual report's PDF page by page: the closing block (机关名称 and date) never stands alone on the last page.

The last section's text is lengthened line by line until the report needs one more page; at that boundary (and just
after it) the new last page must hold more than the closing block, i.e. the last paragraph moves with it. Rendered
with WeasyPrint, rasterised with pdftoppm to prove the page count, text read back with pypdfium2.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from gongkai.core.audit.samples import random_report
from gongkai.core.render.html import chinese_date
from gongkai.core.render.pdf import cjk_font_families, render_pdf

LINE = "按照年度政务公开工作要点的要求，逐项落实各项工作任务，进一步提高政务公开工作的质量和实效。"

pytestmark = [
    pytest.mark.roundtrip,
    pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed"),
    pytest.mark.skipif(not cjk_font_families(), reason="no CJK font installed (fonts-noto-cjk)"),
]


def _with_lines(report, lines: int):
    """`report` whose last section (六、其他需要报告的事项) has `lines` more paragraphs."""
    sections = list(report.sections)
    last = sections[-1]
    sections[-1] = replace(last, text="\n".join([last.text, *[LINE] * lines]))
    return replace(report, sections=sections)


def _pages(pdf: bytes, folder: Path) -> list[set[str]]:
    """The lines of each page, after checking that pdftoppm renders as many pages."""
    folder.mkdir()
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "15", "-png", str(path), str(folder / "p")], check=True, timeout=120)
    document = pdfium.PdfDocument(pdf)
    assert len(list(folder.glob("p-*.png"))) == len(document)
    pages = []
    for page in document:
        text = page.get_textpage().get_text_range().replace("\r", "")
        pages.append({line.strip() for line in text.split("\n") if line.strip()})
    return pages


def _page_count(report) -> int:
    return len(pdfium.PdfDocument(render_pdf(report)))


def _bracket(report, base: int) -> tuple[int, int]:
    """(low, high): ``low`` more lines keep ``base`` pages, ``high`` more need one more page.

    One rendering with 64 more lines shows how many of them start on the first ``base`` pages (k): the boundary is
    just below k (the closing block moves with the last paragraph), so the bracket is checked around it and widened
    only if it does not hold, instead of doubling from one line (seven renderings)."""
    document = pdfium.PdfDocument(render_pdf(_with_lines(report, 64)))
    assert len(document) > base, "sixty-four more lines did not add a page"
    k = sum(page.get_textpage().get_text_range().count(LINE[:8]) for page in list(document)[:base])
    low, high = max(0, k - 6), k + 1
    if _page_count(_with_lines(report, low)) != base:
        low = 0
    while _page_count(_with_lines(report, high)) == base:
        low, high = high, min(64, high * 2)
    return low, high


@pytest.mark.parametrize("seed", [3, 11])
def test_the_closing_block_moves_with_the_last_paragraph(tmp_path, seed):
    report = random_report(random.Random(seed))
    closing = {report.agency, chinese_date(report.published_on)}
    base = _page_count(report)
    low, high = _bracket(report, base)
    while high - low > 1:  # the fewest lines that need one more page
        middle = (low + high) // 2
        if _page_count(_with_lines(report, middle)) == base:
            low = middle
        else:
            high = middle
    for lines in (high, high + 1):
        pages = _pages(render_pdf(_with_lines(report, lines)), tmp_path / str(lines))
        last = {line for line in pages[-1] if not line.isdigit() and not line.strip("—- ").isdigit()}
        assert closing <= last, (lines, last)
        assert last - closing, f"{lines} lines: the last page holds only the closing block"
