"""A `Letter` as DOCX in the 公文 layout (GB/T 9704-2012): the page, fonts and footer of `core.render.gongwen`.

Title 方正小标宋 2号 centred, the 文号 centred under it in 仿宋 3号, the addressee flush left, the body and the
remedies in 仿宋 3号 with a two-character first-line indent (28 characters a line), then the agency's name, the seal
line and the date at the bottom right.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from gongkai.core.letters.model import Letter, chinese_date
from gongkai.core.render.gongwen import LINE, add_paragraph, add_title, setup_page


def render_docx(letter: Letter) -> bytes:
    """The letter as DOCX bytes."""
    document = Document()
    setup_page(document, title=letter.title, author=letter.agency, subject=letter.title)
    title = add_title(document, letter.title)
    if letter.number:
        title.paragraph_format.space_after = Pt(0)
        number = add_paragraph(document, letter.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        number.paragraph_format.space_after = LINE
    if letter.addressee:
        add_paragraph(document, f"{letter.addressee}：", align=WD_ALIGN_PARAGRAPH.LEFT, indent=False)
    body = [add_paragraph(document, text) for text in letter.all_paragraphs]
    left, right = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
    attachments = [
        add_paragraph(document, line, align=left, indent=True, space_before=LINE if i == 0 else None)
        for i, line in enumerate(letter.attachment_lines)
    ]
    closing = [add_paragraph(document, letter.agency, align=right, indent=False, space_before=LINE * 2)]
    if letter.seal:
        closing.append(add_paragraph(document, letter.seal, align=right, indent=False))
    closing.append(add_paragraph(document, chinese_date(letter.on), align=right, indent=False))
    if letter.contact:
        note = f"（{letter.contact}）"
        closing.append(add_paragraph(document, note, align=left, indent=True, space_before=LINE))
    # Keep the last paragraph, the attachments and the closing block on one page (keep-with-next, keep-lines).
    block = body[-1:] + attachments + closing
    for paragraph in block:
        paragraph.paragraph_format.keep_together = True
    for paragraph in block[:-1]:
        paragraph.paragraph_format.keep_with_next = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
