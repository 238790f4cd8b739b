"""The annual report: the national templates as data, the report model and its checks."""

from gongkai.core.report.formats import get_template, template_for_year
from gongkai.core.report.model import AnnualReport, Cell, Finding, Section

__all__ = ["AnnualReport", "Cell", "Finding", "Section", "get_template", "template_for_year"]
