"""A `Letter` as HTML (the preview on the case page) and as PDF, typeset by WeasyPrint with its fonts embedded.

The page and fonts are those of the annual report (`core.render.html`, `core.render.pdf`): A4 with the GB/T 9704
margins, 仿宋 3号 body at 28 pt, 方正小标宋 2号 title, falling back to Noto CJK where the official fonts are not
installed; without any CJK font `MissingFontError` says what to install.
"""

from __future__ import annotations

from html import escape as _escape

from gongkai.core.letters.model import Letter, chinese_date
from gongkai.core.render.html import BODY_FONTS, TABLE_FONTS, TITLE_FONTS
from gongkai.core.render.pdf import MissingFontError, require_cjk_font
from gongkai.core.render.text import xml_safe

__all__ = ["LETTER_CSS", "MissingFontError", "render_html", "render_pdf"]

LETTER_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: {TABLE_FONTS}; font-size: 14pt; }} }}
html {{ background: #fff; }}
body {{ font-family: {BODY_FONTS}; font-size: 16pt; line-height: 28pt; color: #000; margin: 0; }}
article.letter {{ max-width: 156mm; margin: 0 auto; }}
article.letter h1 {{ font-family: {TITLE_FONTS}; font-size: 22pt; line-height: 36pt; font-weight: normal;
  text-align: center; margin: 0; }}
article.letter p {{ margin: 0; text-indent: 2em; text-align: justify; }}
article.letter p.number {{ text-align: center; text-indent: 0; margin-bottom: 28pt; }}
article.letter h1 + p:not(.number) {{ margin-top: 28pt; }}
article.letter p.addressee {{ text-indent: 0; }}
article.letter p.agency, article.letter p.seal, article.letter p.date {{ text-align: right; text-indent: 0;
  padding-right: 2em; }}
article.letter p.agency {{ margin-top: 56pt; }}
article.letter p.attachment {{ text-indent: 0; padding-left: 2em; }}
article.letter p.attachment.first {{ margin-top: 28pt; }}
article.letter p.contact {{ text-indent: 0; padding-left: 2em; margin-top: 28pt; }}
/* The closing block (机关名称、盖章、日期、附注) never stands alone on a page: it stays with the last paragraph. */
article.letter div.closing {{ break-inside: avoid; page-break-inside: avoid; }}
article.letter div.closing p {{ orphans: 2; widows: 2; }}
"""


def escape(text: str) -> str:
    """HTML-escaped, without the characters XML cannot hold (`core.render.text.xml_safe`)."""
    return _escape(xml_safe(text))


def render_article(letter: Letter) -> str:
    """The letter as an `<article class="letter">` fragment (style it with `LETTER_CSS`)."""
    parts = [f"<h1>{escape(letter.title)}</h1>"]
    if letter.number:
        parts.append(f'<p class="number">{escape(letter.number)}</p>')
    if letter.addressee:
        parts.append(f'<p class="addressee">{escape(letter.addressee)}：</p>')
    body = list(letter.all_paragraphs)
    parts += [f"<p>{escape(text)}</p>" for text in body[:-1]]
    # The last paragraph, the attachments and the closing block form one unbreakable block.
    closing = [f"<p>{escape(body[-1])}</p>"] if body else []
    closing += [
        f'<p class="attachment{" first" if i == 0 else ""}">{escape(line)}</p>'
        for i, line in enumerate(letter.attachment_lines)
    ]
    closing.append(f'<p class="agency">{escape(letter.agency)}</p>')
    if letter.seal:
        closing.append(f'<p class="seal">{escape(letter.seal)}</p>')
    closing.append(f'<p class="date">{chinese_date(letter.on)}</p>')
    if letter.contact:
        closing.append(f'<p class="contact">（{escape(letter.contact)}）</p>')
    parts.append('<div class="closing">' + "".join(closing) + "</div>")
    return '<article class="letter">' + "".join(parts) + "</article>"


def render_html(letter: Letter) -> str:
    """The letter as a standalone HTML document."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(letter.title)}</title>\n<style>{LETTER_CSS}</style>\n</head>\n"
        f"<body>\n{render_article(letter)}\n</body>\n</html>\n"
    )


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF/A4 bytes, fonts embedded (WeasyPrint subsets and embeds every font it uses)."""
    require_cjk_font()
    from weasyprint import HTML

    return HTML(string=render_html(letter)).write_pdf()
