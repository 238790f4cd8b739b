"""Letters page by page: rendered (WeasyPrint PDF, and the DOCX through LibreOffice) and rasterised with
pdftoppm, no page holds only the closing block (机关名称、（盖章）、日期、附注) — it stays with the last paragraph."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from gongkai.core.letters.docx import render_docx
from gongkai.core.letters.model import Letter
from gongkai.core.letters.pdf import render_pdf

PARAGRAPH = (
    "本机关于2026年11月2日收到您提出的政府信息公开申请，经审查，现将有关情况告知如下，请您知悉并按要求办理。"
)
REMEDIES = "如对本答复不服，可以在收到本告知书之日起60日内向甲区人民政府申请行政复议。"
AGENCY = "甲区人力资源和社会保障局"
CONTACT = "经办人：李四；联系电话：0551-1234567"
CLOSING = {AGENCY, "（盖章）", "2026年11月20日", f"（{CONTACT}）"}


def _letter(paragraphs: int, attachments=()) -> Letter:
    return Letter(
        "政府信息公开申请答复告知书",
        "甲区人社局依申〔2026〕0001号",
        "张三",
        tuple([PARAGRAPH] * paragraphs),
        REMEDIES,
        AGENCY,
        date(2026, 11, 20),
        attachments=tuple(attachments),
        contact=CONTACT,
    )


def _pages(pdf: bytes, tmp_path: Path, name: str) -> list[list[str]]:
    """The lines of each page (page numbers dropped), after checking pdftoppm renders as many pages."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(path), str(tmp_path / name)], check=True, timeout=120)
    document = pdfium.PdfDocument(pdf)
    assert len(list(tmp_path.glob(f"{name}-*.png"))) == len(document)
    pages = []
    for page in document:
        text = page.get_textpage().get_text_range()
        lines = [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]
        pages.append([line for line in lines if not (line.startswith("—") and line.endswith("—"))])
    return pages


def _closing_alone(pages: list[list[str]]) -> list[int]:
    joined = [set(lines) for lines in pages]
    return [
        i + 1
        for i, lines in enumerate(joined)
        if lines and lines <= CLOSING | {"（经办人：李四；联系电话：", "0551-1234567）"}
    ]


needs_tools = pytest.mark.skipif(
    not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed"
)


@needs_tools
@pytest.mark.parametrize("paragraphs", range(3, 16))
def test_pdf_keeps_the_closing_block_with_the_last_paragraph(tmp_path, paragraphs):
    pages = _pages(render_pdf(_letter(paragraphs)), tmp_path, "letter")
    assert not _closing_alone(pages), pages
    last = pages[-1]
    assert AGENCY in last and any("行政复议" in line for line in last)  # the remedies moved with it


@needs_tools
def test_attachments_and_contact_are_printed(tmp_path):
    pages = _pages(render_pdf(_letter(2, ["政府信息公开申请表", "送达回证"])), tmp_path, "letter")
    text = "\n".join(pages[-1])
    assert "附件：1．政府信息公开申请表" in text and "2．送达回证" in text
    assert text.index("附件") < text.index(AGENCY) < text.index("经办人")


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")), reason="LibreOffice not installed"
)
def test_docx_keeps_the_closing_block_with_the_last_paragraph(tmp_path):
    counts = (5, 6, 11, 12)
    for n in counts:
        (tmp_path / f"letter{n}.docx").write_bytes(render_docx(_letter(n)))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *[str(tmp_path / f"letter{n}.docx") for n in counts],
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    for n in counts:
        pages = _pages((tmp_path / f"letter{n}.pdf").read_bytes(), tmp_path, f"docx{n}")
        assert not _closing_alone(pages), (n, pages)
        assert AGENCY in pages[-1] and len(pages[-1]) > len(CLOSING)
