"""The staff pages: the year page with its figures, editing entries, the import steps, cases and privacy."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.agencies.roles import Role
from gongkai.powers import importing, services, tasks
from gongkai.powers.models import AppealCase, Decision, ImportJob, PowerList

pytestmark = pytest.mark.django_db

APPLICANT = "欧阳某某"
ID_NUMBER = "110101199003071234"


@pytest.fixture
def login(client, world):
    def as_(role, home="dept"):
        client.force_login(world["people"][(home, role)].user)
        return client

    return as_


def test_year_page_without_a_list_says_so_and_offers_to_start_it(login, dept):
    client = login(Role.STAFF)
    response = client.get("/admin/gongkai/powers/dept/2020/")
    assert "2020 年权责清单尚未建立" in response.content.decode()
    assert client.post("/admin/gongkai/powers/dept/2020/start/").status_code == 302
    assert PowerList.objects.filter(agency=dept, year=2020).exists()


def test_entries_are_added_and_edited_through_the_services(login, dept):
    client = login(Role.SECTION_HEAD)
    power_list = services.start_year(dept, 2020)
    base = "/admin/gongkai/powers/dept/2020"
    item = {"code": "XK-1", "name": "人力资源服务许可", "category": "licensing", "added_on": "2020-03-01"}
    assert client.post(f"{base}/items/new/", {**item, "manual_decisions": "12"}).status_code == 302
    created = power_list.items.get()
    assert Decision.objects.get(item=created).count == 12
    response = client.post(f"{base}/items/new/", item)
    assert "本年度清单中已有该编码的事项" in response.content.decode()
    client.post(f"{base}/items/{created.pk}/", {**item, "name": "新名称", "manual_decisions": "12"})
    created.refresh_from_db()
    assert created.name == "新名称"
    client.post(f"{base}/fees/new/", {"code": "F1", "name": "收费", "amount": "1.25"})
    client.post(f"{base}/procurement/new/", {"name": "办公设备", "amount": "3.50"})
    page = client.get(f"{base}/").content.decode()
    for text in ("新名称", "收费", "办公设备", "本年增/减"):
        assert text in page
    assert client.get(f"{base}/other/new/").status_code == 404


def test_import_steps_upload_map_confirm(login, dept, caplog):
    caplog.set_level(logging.DEBUG)
    client = login(Role.STAFF)
    power_list = services.start_year(dept, 2020)
    services.save_item(power_list, code="XK-1", name="许可", category="licensing")
    url = "/admin/gongkai/powers/dept/2020/import/"
    data = "业务流水号,事项代码,办结日期,申请人证件号\nB1,XK-1,2020-03-01,{0}\nB2,XK-1,2020-03-02,{0}\n"
    upload = SimpleUploadedFile("导出.csv", data.format(ID_NUMBER).encode("gbk"))
    uploaded = client.post(url, {"file": upload, "period_start": "2020-01-01", "period_end": "2020-12-31"})
    assert uploaded.status_code == 302 and "?token=" in uploaded["Location"]
    assert ID_NUMBER not in uploaded["Location"]
    response = client.get(uploaded["Location"])
    form = response.context["form"]
    assert form.initial["item_code"] == "事项代码" and form.initial["reference"] == "业务流水号"
    assert response.context["preview"].rows[0][:3] == ["B1", "XK-1", "2020-03-01"]
    fields = {
        "token": form.initial["token"],
        "period_start": "2020-01-01",
        "period_end": "2020-02-29",
        "item_code": "事项代码",
        "reference": "业务流水号",
        "decided_on": "办结日期",
        "count": "",
    }
    refused = client.post(url, fields)
    job = ImportJob.objects.get()
    assert refused["Location"] == f"{url}{job.pk}/"
    assert client.post(url, fields).status_code == 302  # the token is used up: back to the upload
    assert ImportJob.objects.count() == 1
    tasks.run_import.call(job.pk)  # the task's work, here in the test's transaction
    page = client.get(refused["Location"]).content.decode()
    assert "第 2 行：办结日期 2020-03-01 不在导入期间 2020-01-01 至 2020-02-29 内" in page
    assert not Decision.objects.exists()

    upload = SimpleUploadedFile("导出.csv", data.format(ID_NUMBER).encode("gbk"))
    again = client.post(url, {"file": upload, "period_start": "2020-01-01", "period_end": "2020-12-31"})
    token = again["Location"].partition("token=")[2]
    done = client.post(url, {**fields, "token": token, "period_end": "2020-12-31"})
    tasks.run_import.call(ImportJob.objects.latest("pk").pk)
    page = client.get(done["Location"]).content.decode()
    assert "已导入 2 行，处理决定 2 件" in page and 'value="100"' in page
    assert Decision.objects.count() == 2
    assert ID_NUMBER not in "\n".join(r.getMessage() for r in caplog.records)


def test_upload_with_xhr_answers_json(login, dept):
    client = login(Role.STAFF)
    services.start_year(dept, 2020)
    url = "/admin/gongkai/powers/dept/2020/import/"
    xhr = {"headers": {"X-Requested-With": "XMLHttpRequest"}}
    period = {"period_start": "2020-01-01", "period_end": "2020-12-31"}
    good = client.post(url, {"file": SimpleUploadedFile("a.csv", b"a,b\n1,2\n"), **period}, **xhr)
    assert good.status_code == 200 and good.json()["next"].startswith(f"{url}?token=")
    bad = client.post(url, {"file": SimpleUploadedFile("a.doc", b"x"), **period}, **xhr)
    assert bad.status_code == 400 and bad.json() == {"errors": ["只能导入 CSV 或 XLSX 文件"]}
    empty = client.post(url, {"file": SimpleUploadedFile("a.csv", b"\n\n"), **period}, **xhr)
    assert empty.json() == {"errors": ["文件是空的"]}


def test_upload_refuses_big_and_foreign_files(login, dept, monkeypatch):
    client = login(Role.STAFF)
    services.start_year(dept, 2020)
    monkeypatch.setattr(importing, "MAX_BYTES", 10)
    url = "/admin/gongkai/powers/dept/2020/import/"
    period = {"period_start": "2020-01-01", "period_end": "2020-12-31"}
    big = client.post(url, {"file": SimpleUploadedFile("a.csv", b"x" * 11), **period})
    assert "文件超过 0 MB，未导入" in big.content.decode()
    foreign = client.post(url, {"file": SimpleUploadedFile("a.doc", b"x"), **period})
    assert "只能导入 CSV 或 XLSX 文件" in foreign.content.decode()


def _case_fields(**extra):
    return {
        "kind": "review",
        "case_number": "复议〔2021〕1号",
        "applicant": APPLICANT,
        "concerns": f"申请人身份证 {ID_NUMBER} 的申请答复",
        "body": "甲区人民政府",
        "filed_on": "2021-03-01",
        "result": "pending",
        **extra,
    }


def test_cases_are_registered_by_the_office_and_applicants_masked_for_others(login, dept, world):
    office = login(Role.DISCLOSURE_OFFICE)
    assert office.post("/admin/gongkai/powers/dept/cases/new/", _case_fields()).status_code == 302
    case = AppealCase.objects.get()
    assert APPLICANT in office.get("/admin/gongkai/powers/dept/cases/").content.decode()
    response = office.post(f"/admin/gongkai/powers/dept/cases/{case.pk}/", _case_fields(result="upheld"))
    assert "请填写知悉结果的日期" in response.content.decode()

    leader = login(Role.PRINCIPAL_LEADER)
    page = leader.get("/admin/gongkai/powers/dept/cases/").content.decode()
    assert APPLICANT not in page and "欧*某某" in page
    assert leader.post("/admin/gongkai/powers/dept/cases/new/", _case_fields()).status_code == 302
    assert AppealCase.objects.count() == 1  # refused: redirected to the dashboard


def test_appellants_personal_data_is_not_logged(login, dept, caplog):
    caplog.set_level(logging.DEBUG)
    office = login(Role.DISCLOSURE_OFFICE)
    office.post("/admin/gongkai/powers/dept/cases/new/", _case_fields())
    case = AppealCase.objects.get()
    office.post(
        f"/admin/gongkai/powers/dept/cases/{case.pk}/",
        _case_fields(result="corrected", result_known_on="2021-05-01"),
    )
    assert caplog.records
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert APPLICANT not in logged and ID_NUMBER not in logged


def test_a_denied_post_changes_nothing(login, world):
    client = login(Role.DISCLOSURE_OFFICE)
    response = client.post("/admin/gongkai/powers/sibling/2020/start/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not PowerList.objects.exists()


def test_list_history_shows_the_changes_of_the_list_and_its_entries(login, dept):
    power_list = services.start_year(dept, 2020)
    item = services.save_item(power_list, code="XK-1", name="许可", category="licensing")
    services.save_item(power_list, item, name="许可（更名）")
    services.delete_entry(services.save_procurement(power_list, name="误录"))
    page = login(Role.SECTION_HEAD).get("/admin/gongkai/powers/dept/2020/history/").content.decode()
    for text in ("空清单：权责事项 0 项", "许可（更名）", "政府集中采购项目：误录"):
        assert text in page


def test_years_without_a_national_template_are_not_found(login):
    client = login(Role.STAFF)
    assert client.get("/admin/gongkai/powers/dept/2018/").status_code == 404
    assert client.post("/admin/gongkai/powers/dept/2999/start/").status_code == 404


def test_index_lists_the_reached_agencies(login, world):
    response = login(Role.SUPERVISING_OFFICE).get("/admin/gongkai/powers/")
    assert {a.code for a in response.context["agencies"]} == {"dept", "gov", "sibling", "unit"}


def test_entries_made_by_mistake_are_deleted_unless_decisions_were_imported(login, dept):
    from gongkai.agencies.history import entries_for

    client = login(Role.STAFF)
    power_list = services.start_year(dept, 2020)
    procurement = services.save_procurement(power_list, name="误录", amount="1")
    item = services.save_item(power_list, code="XK-1", name="许可", category="licensing")
    base = "/admin/gongkai/powers/dept/2020"
    client.post(f"{base}/procurement/{procurement.pk}/", {"delete": "1"})
    assert not power_list.procurements.exists()
    assert entries_for(power_list).first().data["changes"]["删除"] == ["政府集中采购项目：误录", None]
    services.enter_decisions(item, 3)  # hand-entered decisions do not block a deletion
    client.post(f"{base}/items/{item.pk}/", {"delete": "1"})
    assert not power_list.items.exists()
