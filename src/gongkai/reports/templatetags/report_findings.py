"""Template filters that name findings in Chinese: ``{{ f.severity|severity_name }}``, ``{{ f.code|code_name }}``."""

from django import template

from gongkai.core.report.model import CODE_NAMES, SEVERITY_NAMES

register = template.Library()


@register.filter
def severity_name(severity: str) -> str:
    return SEVERITY_NAMES.get(severity, severity)


@register.filter
def code_name(code: str) -> str:
    return CODE_NAMES.get(code, code)
