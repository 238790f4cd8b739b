"""Personal data masked for everyone but the handling office (one masking module): applicants' fields, with
organisations' names readable; the contact of a feedback; the applicant of an appeal case."""

from __future__ import annotations

from gongkai.agencies.masking import mask, masked
from gongkai.applications.choices import PERSONAL_FIELDS
from gongkai.applications.models import Application


def test_mask():
    assert mask("") == ""
    assert mask("张三") == "张*"
    assert mask("欧阳娜娜") == "欧*娜娜"
    assert mask("11010519900307001X") == "1" + "*" * 15 + "1X"


def test_masked_keeps_what_is_not_personal():
    values = {"contact_name": "王女士", "contact": "13912345678"}
    assert masked(values, True) == values
    assert masked(values, False) == {"contact_name": "王**", "contact": "1********78"}
    assert masked(values, False, keep=("contact_name",))["contact_name"] == "王女士"


def _app(**fields):
    return Application(**{**dict.fromkeys(PERSONAL_FIELDS, ""), **fields})


def test_applicant_view():
    person = _app(name="张三", phone="13800138000", applicant_type="natural_person")
    assert person.personal_data(True)["phone"] == "13800138000"
    assert person.personal_data(False) == {
        **dict.fromkeys(PERSONAL_FIELDS, ""),
        "name": "张*",
        "phone": "1********00",
    }
    company = _app(name="某某有限公司", contact_person="王五", applicant_type="commercial")
    shown = company.personal_data(False)
    assert shown["name"] == "某某有限公司" and shown["contact_person"] == "王*"
