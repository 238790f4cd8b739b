"""Helpers for the applications tests: valid applicant fields and cases at given dates."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.identifiers import resident_id_check_char

from support import credit_code


def resident_id(n: int = 1) -> str:
    first17 = f"11010519900307{n:03d}"
    return first17 + resident_id_check_char(first17)


def person_fields(n: int = 1, **overrides) -> dict:
    fields = {
        "applicant_type": "natural_person",
        "name": f"张{n}",
        "id_type": "resident_id",
        "id_number": resident_id(n),
        "phone": "13800138000",
        "address": "合肥市经开区繁华大道 1 号",
        "email": "zhang@example.com",
        "info_name": "2025 年度就业补贴发放情况",
        "form": "electronic",
        "obtaining": "email",
    }
    return {**fields, **overrides}


def org_fields(n: int = 1, applicant_type: str = "commercial", **overrides) -> dict:
    fields = {
        "applicant_type": applicant_type,
        "name": f"某某有限公司{n}",
        "credit_code": credit_code(100 + n),
        "legal_representative": "李四",
        "contact_person": "王五",
        "phone": "0551-12345678",
        "info_description": "本单位 2025 年社保缴费基数核定文件",
        "form": "paper",
        "obtaining": "pickup",
    }
    return {**fields, **overrides}


@pytest.fixture
def office(world):
    """The disclosure office user of `dept`."""
    from gongkai.agencies.roles import Role

    return world["people"][("dept", Role.DISCLOSURE_OFFICE)].user


def received(agency, on: date, fields: dict | None = None, by=None, channel="in_person"):
    """An application handed in on `on` (its legal receipt date)."""
    from gongkai.applications import services

    app, _ = services.intake(agency, fields or person_fields(), channel=channel, arrived_on=on, by=by)
    return app


def reply_letter(app, by):
    """The reply letter of the case's decision as `letters.generate` keeps it, with stand-in files (rendering is
    tested in test_letters.py)."""
    from django.core.files.base import ContentFile

    from gongkai.applications import letters
    from gongkai.applications.models import Letter

    event = letters.letter_events(app)[-1]
    value = letters.draft(app, event)
    letter = Letter(application=app, event=event, kind="reply", outcome=letters.reply_outcome(event))
    letter.number, letter.on, letter.content, letter.created_by = value.number, event.on, value.to_dict(), by
    letter.docx.save("letter.docx", ContentFile(b"PK"), save=False)
    letter.pdf.save("letter.pdf", ContentFile(b"%PDF-1.7"), save=False)
    letter.save()
    return letter


def signed_reply_letter(app, world, home="dept"):
    """A reply letter drafted by the office, agreed by the 科室负责人 and 签发 by the 分管领导 of `home`."""
    from gongkai.agencies.roles import Role
    from gongkai.applications import signoff
    from gongkai.applications.models import SignoffStep

    people = world["people"]
    letter = reply_letter(app, people[(home, Role.DISCLOSURE_OFFICE)].user)
    signoff.decide(letter, SignoffStep.CHECK, approved=True, by=people[(home, Role.SECTION_HEAD)].user)
    signoff.decide(letter, SignoffStep.ISSUE, approved=True, by=people[(home, Role.DIVISION_LEADER)].user)
    return letter
