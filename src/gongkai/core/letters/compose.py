"""Filling a template with a case's values: template + values → `Letter`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from gongkai.core.letters import placeholders
from gongkai.core.letters.defaults import TemplateText
from gongkai.core.letters.model import Letter, LetterKind, split_paragraphs


def check_template(kind: LetterKind, template: TemplateText) -> None:
    """Refuse a template whose title, body or remedies use a placeholder its kind does not offer."""
    allowed = placeholders.ALLOWED[LetterKind(kind)]
    for part, text in (("标题", template.title), ("正文", template.body), ("救济途径", template.remedies)):
        try:
            placeholders.check(text, allowed)
        except placeholders.TemplateError as exc:
            raise placeholders.TemplateError(f"{part}：{exc}") from exc
    if not template.title.strip() or not template.body.strip():
        raise placeholders.TemplateError("标题和正文不能为空")


def compose(
    template: TemplateText,
    values: Mapping[str, str],
    *,
    number: str,
    addressee: str,
    agency: str,
    on: date,
) -> Letter:
    """The letter `template` gives for `values` (every placeholder the template uses must have a value)."""
    return Letter(
        title=placeholders.fill(template.title, values).strip(),
        number=number,
        addressee=addressee,
        paragraphs=split_paragraphs(placeholders.fill(template.body, values)),
        remedies=placeholders.fill(template.remedies, values).strip(),
        agency=agency,
        on=on,
    )
