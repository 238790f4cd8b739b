"""Letters of a case: every outcome's reply with its legal basis and remedies, each kind generated and kept with
the case as DOCX and PDF, the agency's templates, and who may generate and download them."""

from __future__ import annotations

import io
from datetime import date

import pypdfium2
import pytest
from docx import Document

from gongkai.agencies import history
from gongkai.agencies.roles import Role
from gongkai.applications import letters, services
from gongkai.applications.choices import OUTCOMES, EventKind, Status
from gongkai.applications.models import Letter, LetterTemplate
from gongkai.core.errors import Refused
from gongkai.core.letters.model import LetterKind
from gongkai.core.render.pdf import cjk_font_families

from .conftest import person_fields, received

pytestmark = pytest.mark.django_db

D = date
LAW = "《中华人民共和国政府信息公开条例》"
needs_cjk = pytest.mark.skipif(not cjk_font_families(), reason="no CJK font: apt-get install fonts-noto-cjk")

# outcome → the article its reply cites first (hand-written from the 条例, as in tests/core/test_letters.py)
ARTICLE = {
    "granted": "第三十六条第（二）项",
    "partial": "第三十七条",
    "withheld.state_secret": "第十四条",
    "withheld.prohibited_by_law": "第十四条",
    "withheld.security_stability": "第十四条",
    "withheld.third_party": "第十五条",
    "withheld.internal_affairs": "第十六条第一款",
    "withheld.process_info": "第十六条第二款",
    "withheld.enforcement_file": "第十六条第二款",
    "withheld.query_matter": "第三十六条第（七）项",
    "unavailable.not_held": "第三十六条第（四）项",
    "unavailable.needs_creation": "第三十八条",
    "unavailable.unclear_after_correction": "第三十条",
    "not_processed.petition": "第三十九条第一款",
    "not_processed.repeated": "第三十六条第（六）项",
    "not_processed.publication": "第三十九条第二款",
    "not_processed.excessive": "第三十五条",
    "not_processed.confirmation": "第二十七条",
    "other.no_correction": "第三十条",
    "other.unpaid_fee": "第四十二条",
    "other.misc": "第三十六条",
}


def _ended_with(agency, outcome: str, office):
    """A case whose result is `outcome`, and the event that carries its reply."""
    app = received(agency, D(2025, 3, 3), by=office)
    if outcome == "other.no_correction":
        app = services.request_correction(
            app, on=D(2025, 3, 4), what="请写明文件名称。", respond_by=D(2025, 3, 14), by=office
        )
        app = services.abandon(app, on=D(2025, 3, 17), by=office)
    elif outcome == "other.unpaid_fee":
        app = services.send_fee_notice(app, on=D(2025, 3, 5), quantity=31, method="count", by=office)
        app = services.record_fee_unpaid(app, on=D(2025, 4, 3), by=office)
    else:
        app = services.decide(
            app,
            on=D(2025, 3, 20),
            outcome=outcome,
            basis="经核查，相关情况属实。",
            withheld="第3页中的个人身份证号码" if outcome == "partial" else "",
            by=office,
        )
    return app, letters.letter_events(app)[-1]


def _pdf_text(data: bytes) -> str:
    """The PDF's text without white space."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        return "".join("".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf)))
    finally:
        pdf.close()


def test_every_outcome_is_in_the_table():
    assert set(ARTICLE) == set(OUTCOMES)


@pytest.mark.parametrize("outcome", sorted(ARTICLE))
def test_reply_for_every_outcome(world, office, outcome):
    app, event = _ended_with(world["dept"], outcome, office)
    assert letters.letter_kind(event) is LetterKind.REPLY
    letter = letters.draft(app, event)
    body = "\n".join(letter.paragraphs)
    assert LAW + ARTICLE[outcome] in body
    assert "2025年3月3日" in body and app.number in body and "“2025 年度就业补贴发放情况”" in body
    assert letter.addressee == app.name and letter.number == app.number and letter.agency == "甲区人社局"
    assert letter.remedies == (
        "如对本答复不服，可以自收到本告知书之日起60日内向甲区人民政府申请行政复议，"
        "或者自收到本告知书之日起6个月内向人民法院提起行政诉讼。"
    )
    assert "{" not in letter.text() and "。。" not in letter.text()
    if outcome == "partial":
        assert "不予公开：第3页中的个人身份证号码。" in body
    if outcome.startswith("withheld.") or outcome == "partial":
        assert "经核查，相关情况属实。" in body
    if outcome == "other.no_correction":
        assert "需要补正的事项：请写明文件名称）" in body


def test_a_government_is_reviewed_by_the_government_above_or_says_so(world):
    assert letters.review_body(world["dept"]) == "甲区人民政府"
    assert letters.review_body(world["unit"]) == "甲区人民政府"
    assert letters.review_body(world["gov"]) == "上一级人民政府"


@needs_cjk
def test_each_kind_generated_and_kept_with_the_case(world, office):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    app = services.request_correction(app, on=D(2025, 3, 4), what="请写明文件名称", by=office)
    app = services.receive_correction(app, on=D(2025, 3, 10), by=office)
    app = services.send_consultation(
        app, on=D(2025, 3, 11), party="third_party", to="某某有限公司", by=office
    )
    app = services.send_consultation(app, on=D(2025, 3, 11), party="agency", to="甲区住建局", by=office)
    app = services.answer_consultation(app, on=D(2025, 3, 20), key="1", by=office)
    app = services.answer_consultation(app, on=D(2025, 3, 21), key="2", by=office)
    app = services.extend(
        app, on=D(2025, 3, 31), days=20, approver="主任", reason="所需信息数量较多", by=office
    )
    app = services.send_fee_notice(app, on=D(2025, 4, 1), quantity=50, method="pages", by=office)
    app = services.record_fee_paid(app, on=D(2025, 4, 3), by=office)
    app = services.decide(app, on=D(2025, 4, 10), outcome="granted", basis="第三十六条第（二）项", by=office)
    status, event_count = app.status, app.events.count()
    expected = {
        LetterKind.CORRECTION: ["第三十条", "请写明文件名称", "收到本告知书后的合理期限内"],
        LetterKind.CONSULTATION_THIRD_PARTY: ["第三十二条", "15个工作日内"],
        LetterKind.CONSULTATION_AGENCY: ["第三十四条", "视为同意公开"],
        LetterKind.EXTENSION: ["第三十三条第二款", "延长20个工作日", "所需信息数量较多", "前作出答复"],
        LetterKind.FEE: ["第四十二条", "按量计收", "人民币200元", "31—100页"],
        LetterKind.REPLY: ["第三十六条第（二）项", "电子邮件方式、电子形式"],
    }
    generated = {}
    for event in letters.letter_events(app):
        kept = letters.generate(app, event, by=office)
        generated[LetterKind(kept.kind)] = kept
    assert set(generated) == set(expected)
    app.refresh_from_db()
    assert app.status == status and app.events.count() == event_count  # the case itself is untouched
    assert app.letters.count() == 6
    for kind, words in expected.items():
        kept = generated[kind]
        assert kept.event.application_id == app.pk and kept.created_by == office
        assert kept.docx.name.startswith(f"letters/dept/{app.year}/") and app.name not in kept.docx.name
        document = Document(io.BytesIO(kept.docx.read()))
        text = "\n".join(p.text for p in document.paragraphs)
        pdf_text = _pdf_text(kept.pdf.read())
        for word in words:
            assert word in text, (kind, word)
            assert word in pdf_text, (kind, word)
        is_consultation = kind.value.startswith("consultation")
        assert (app.name in text) is not is_consultation  # a third party does not learn who applied
    extension = generated[LetterKind.EXTENSION].value
    assert "2025年5月" in "".join(extension.paragraphs)  # the deadline after the extension
    notes = [e.data.get("note", "") for e in history.entries_for(app)]
    assert sum("生成" in note for note in notes) == 6


@needs_cjk
def test_generate_takes_the_edited_text_and_checks_the_date(world, office):
    app, event = _ended_with(world["dept"], "granted", office)
    with pytest.raises(Refused, match="不能早于"):
        letters.generate(app, event, on=D(2025, 3, 19), by=office)
    with pytest.raises(Refused, match="正文不能为空"):
        letters.generate(app, event, body="  \n ", by=office)
    kept = letters.generate(
        app, event, on=D(2025, 3, 21), body="第一段。\n\n第二段{不是占位符}。", remedies="", by=office
    )
    assert kept.value.paragraphs == ("第一段。", "第二段{不是占位符}。") and kept.value.remedies == ""
    assert kept.on == D(2025, 3, 21) and kept.outcome == "granted"


def test_only_steps_with_letters_and_not_before_a_reopening(world, office):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    assert letters.letter_events(app) == []
    app = services.decide(app, on=D(2025, 3, 20), outcome="granted", basis="第三十六条", by=office)
    decided = letters.letter_events(app)
    assert [e.kind for e in decided] == [EventKind.DECIDED]
    app = services.reply(app, on=D(2025, 3, 20), by=office)
    app = services.reopen(app, on=D(2025, 5, 6), reference="甲府复决〔2025〕1号", case="复议", by=office)
    assert app.status == Status.PROCESSING
    assert letters.letter_events(app) == []
    other = received(world["dept"], D(2025, 3, 3), person_fields(2), by=office)
    with pytest.raises(Refused, match="没有可生成的告知书"):
        letters.draft(other, decided[0])


def test_templates_are_checked_saved_used_and_reset(world, office):
    dept = world["dept"]
    with pytest.raises(letters.TemplateError, match="不能识别的占位符：{申请人电话}"):
        letters.save_template(
            dept, LetterKind.CORRECTION, "", title="补正", body="{申请人电话}", remedies="", by=office
        )
    assert not LetterTemplate.objects.exists()
    letters.save_template(
        dept, LetterKind.REPLY, "granted", title="答复书", body="{申请人}，同意公开。", remedies="", by=office
    )
    app, event = _ended_with(dept, "granted", office)
    letter = letters.draft(app, event)
    assert (
        letter.title == "答复书" and letter.paragraphs == (f"{app.name}，同意公开。",) and not letter.remedies
    )
    other_app, other_event = _ended_with(world["sibling"], "granted", None)
    assert letters.draft(other_app, other_event).title == "政府信息公开申请答复告知书"  # per agency
    template = LetterTemplate.objects.get()
    assert history.entries_for(template).first().data["changes"]["正文"][1] == "{申请人}，同意公开。"
    letters.reset_template(dept, LetterKind.REPLY, "granted", by=office)
    assert letters.draft(app, event).title == "政府信息公开申请答复告知书"


# ---------------------------------------------------------------------------------------------------------------
# Views


def _login(client, world, role, home="dept"):
    client.force_login(world["people"][(home, role)].user)


def test_case_page_offers_the_letters_and_the_preview(client, world, office):
    app, event = _ended_with(world["dept"], "partial", office)
    _login(client, world, Role.DISCLOSURE_OFFICE)
    page = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert f"/admin/gongkai/applications/{app.pk}/letters/{event.pk}/" in page
    assert "生成告知书：答复告知书（（二）部分公开" in page
    preview = client.get(f"/admin/gongkai/applications/{app.pk}/letters/{event.pk}/")
    assert preview.status_code == 200
    assert (
        "第三十七条" in preview.context["preview"] and "第3页中的个人身份证号码" in preview.context["preview"]
    )
    edited = client.post(
        f"/admin/gongkai/applications/{app.pk}/letters/{event.pk}/",
        {"on": "2025-03-20", "body": "改过的正文。", "remedies": "", "action": "preview"},
    )
    assert "改过的正文。" in edited.context["preview"] and not Letter.objects.exists()
    _login(client, world, Role.PRINCIPAL_LEADER)
    page = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert "生成告知书" not in page


@needs_cjk
def test_generate_and_download_in_the_desk(client, world, office):
    app, event = _ended_with(world["dept"], "granted", office)
    _login(client, world, Role.DISCLOSURE_OFFICE)
    url = f"/admin/gongkai/applications/{app.pk}/letters/{event.pk}/"
    future = client.post(url, {"on": "2999-01-01", "body": "正文。", "remedies": "", "action": "generate"})
    assert future.status_code == 200 and "晚于今天" in future.content.decode()
    response = client.post(
        url, {"on": "2025-03-20", "body": "正文。", "remedies": "救济。", "action": "generate"}
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    page = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert f"/admin/gongkai/applications/letters/{letter.pk}/pdf/" in page
    docx = client.get(f"/admin/gongkai/applications/letters/{letter.pk}/docx/")
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "正文。" in "\n".join(
        p.text for p in Document(io.BytesIO(b"".join(docx.streaming_content))).paragraphs
    )
    pdf = client.get(f"/admin/gongkai/applications/letters/{letter.pk}/pdf/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(f"/admin/gongkai/applications/letters/{letter.pk}/xlsx/").status_code == 404
    # a leader sees the case, masked, and reads the letter to sign it, but does not download the files
    _login(client, world, Role.PRINCIPAL_LEADER)
    assert client.get(f"/admin/gongkai/applications/letters/{letter.pk}/pdf/").status_code == 404
    page = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert f"letters/{letter.pk}/pdf/" not in page and f"/applications/signoff/{letter.pk}/" in page


def test_template_screen_refuses_a_bad_placeholder_in_chinese(client, world):
    _login(client, world, Role.DISCLOSURE_OFFICE)
    index = client.get("/admin/gongkai/agencies/dept/letter-templates/")
    # the step letters (with 第三十五条, split, 第三十二条 and the referral) and one reply per outcome
    assert index.status_code == 200 and len(index.context["rows"]) == 9 + len(OUTCOMES)
    url = "/admin/gongkai/agencies/dept/letter-templates/reply.withheld.third_party/"
    page = client.get(url)
    assert page.status_code == 200 and "第十五条" in page.content.decode()
    bad = client.post(url, {"title": "答复", "body": "{申请人}：{第三方名称}", "remedies": ""})
    assert bad.status_code == 200
    assert "不能识别的占位符：{第三方名称}" in bad.content.decode()
    assert not LetterTemplate.objects.exists()
    good = client.post(url, {"title": "答复", "body": "{申请人}：不予公开。", "remedies": "{复议机关}"})
    assert good.status_code == 302 and LetterTemplate.objects.get().outcome == "withheld.third_party"
    assert client.post(url, {"action": "reset"}).status_code == 302 and not LetterTemplate.objects.exists()
    assert client.get("/admin/gongkai/agencies/dept/letter-templates/reply.nonsense/").status_code == 404
    assert client.get("/admin/gongkai/agencies/dept/letter-templates/correction.granted/").status_code == 404
