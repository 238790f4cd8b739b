"""The disclosure office's number pattern screen: the pattern is checked, a sample shown, the change recorded."""

from __future__ import annotations

from datetime import date as D

import pytest
from django import forms

from gongkai.agencies import history
from gongkai.agencies.roles import Role
from gongkai.applications.models import ApplicationSettings
from gongkai.applications.numbering import number_of

from .conftest import received

pytestmark = pytest.mark.django_db

URL = "/admin/gongkai/agencies/dept/applications/numbering/"


@pytest.mark.parametrize(
    "pattern,message",
    [
        ("{prefix}依申〔{year}〕号", "必须包含 {seq}"),
        ("{prefix}依申{seq:04d}号", "必须包含 {year}"),
        ("{prefix}〔{year}〕{seq}{name}号", "不能使用 {name}"),
        ("{prefix}〔{year}〕{}号{seq}", "不能使用 {}"),
        ("{prefix}〔{year}〕{seq号", "花括号不成对"),
        ("{prefix}〔{year}〕{seq:zz}号", "无法生成编号"),
    ],
)
def test_bad_patterns_are_refused(pattern, message):
    with pytest.raises(forms.ValidationError, match=message.replace("{", r"\{").replace("}", r"\}")):
        number_of(pattern, "经开人社")


def test_good_pattern_renders_a_sample():
    assert number_of("{prefix}依申〔{year}〕{seq:04d}号", "经开人社") == "经开人社依申〔2026〕0001号"
    assert number_of("{{GK}}-{year}-{seq:05d}", "") == "{GK}-2026-00001"


def test_screen_saves_records_and_numbers_follow(client, world, office):
    client.force_login(office)
    page = client.get(URL).content.decode()
    assert "甲区人社局依申〔" in page and "〕0001号" in page
    bad = client.post(URL, {"number_prefix": "甲人社", "number_pattern": "{prefix}-{seq}"})
    assert bad.status_code == 200 and "必须包含 {year}" in bad.content.decode()
    assert 'value="{prefix}-{seq}"' in bad.content.decode()
    assert not ApplicationSettings.objects.exists()
    ok = client.post(
        URL, {"number_prefix": "甲人社", "number_pattern": "{prefix}申〔{year}〕{seq:03d}"}, follow=True
    )
    assert "已保存申请编号格式" in ok.content.decode() and "甲人社申〔" in ok.content.decode()
    conf = ApplicationSettings.objects.get(agency=world["dept"])
    assert (conf.number_prefix, conf.number_pattern) == ("甲人社", "{prefix}申〔{year}〕{seq:03d}")
    entry = history.entries_for(conf).first()
    assert entry.user == office and entry.data["changes"]["编号格式"][1] == "{prefix}申〔{year}〕{seq:03d}"
    assert received(world["dept"], D(2025, 3, 3)).number == "甲人社申〔2025〕001"


def test_too_long_and_only_the_office(client, world, office):
    client.force_login(office)
    long = client.post(URL, {"number_prefix": "", "number_pattern": "{year}{seq:020d}" + "长" * 60})
    assert "超过 80 个字符" in long.content.decode()
    client.force_login(world["people"][("dept", Role.PRINCIPAL_LEADER)].user)
    assert client.get(URL).status_code == 302
