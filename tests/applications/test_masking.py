"""Personal data masked for everyone but the handling office; organisations' names stay readable."""

from __future__ import annotations

from types import SimpleNamespace

from gongkai.applications import masking


def test_mask():
    assert masking.mask("") == ""
    assert masking.mask("张三") == "张*"
    assert masking.mask("欧阳娜娜") == "欧*娜娜"
    assert masking.mask("11010519900307001X") == "1" + "*" * 15 + "1X"


def _app(**fields):
    base = dict.fromkeys(masking.PERSONAL_FIELDS, "")
    return SimpleNamespace(**{**base, **fields})


def test_applicant_view():
    person = _app(name="张三", phone="13800138000", is_organisation=False)
    assert masking.applicant(person, True)["phone"] == "13800138000"
    assert masking.applicant(person, False) == {
        **dict.fromkeys(masking.PERSONAL_FIELDS, ""),
        "name": "张*",
        "phone": "1********00",
    }
    company = _app(name="某某有限公司", contact_person="王五", is_organisation=True)
    shown = masking.applicant(company, False)
    assert shown["name"] == "某某有限公司" and shown["contact_person"] == "王*"
