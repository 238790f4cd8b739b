"""An ``AnnualReport`` as PDF: the HTML rendering typeset by WeasyPrint, with a CJK font embedded.

The official fonts (仿宋_GB2312, 方正小标宋) are used when installed; otherwise the Noto CJK fonts of Debian's
fonts-noto-cjk. Without any CJK font the Chinese text would come out as boxes, so rendering refuses instead.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

from gongkai.core.render.html import render_html
from gongkai.core.report.model import AnnualReport


class MissingFontError(RuntimeError):
    """No font with Chinese glyphs is installed."""


@lru_cache(maxsize=1)
def cjk_font_families() -> tuple[str, ...]:
    """Families of the installed fonts that cover Chinese (``fc-list :lang=zh``)."""
    if shutil.which("fc-list") is None:
        return ()
    listing = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False, timeout=30
    ).stdout
    return tuple(
        sorted({name.strip() for line in listing.splitlines() for name in line.split(",") if name.strip()})
    )


def require_cjk_font() -> tuple[str, ...]:
    families = cjk_font_families()
    if not families:
        raise MissingFontError(
            "没有找到中文字体，无法生成 PDF。请安装中文字体：apt-get install fonts-noto-cjk "
            "(no CJK font found: apt-get install fonts-noto-cjk)"
        )
    return families


def render_pdf(report: AnnualReport) -> bytes:
    """The report as PDF/A4 bytes, fonts embedded (WeasyPrint subsets and embeds every font it uses)."""
    require_cjk_font()
    from weasyprint import HTML

    return HTML(string=render_html(report)).write_pdf()
