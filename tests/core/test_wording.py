"""The 错敏词 matching (gongkai.core.wording): positions in the original text, folding of full-width and
traditional forms, snippets around each hit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.wording import Rule, check, digest, fold

OLD_NAME = Rule("劳动和社会保障局", "人力资源和社会保障局", "机构已更名")


@pytest.mark.parametrize(
    "text,start,found",
    [
        ("请到劳动和社会保障局办理", 2, "劳动和社会保障局"),
        ("请到勞動和社會保障局办理", 2, "勞動和社會保障局"),  # traditional forms
        ("联系ＡＢＣ公司", 2, "ＡＢＣ"),  # full-width letters
        ("联系abc公司", 2, "abc"),
    ],
)
def test_hits_keep_their_place_in_the_original(text, start, found):
    hits = check({"正文": text}, [OLD_NAME, Rule("ABC")])
    assert [(h.start, h.found) for h in hits] == [(start, found)]
    assert hits[0].snippet.startswith(text[:start] + "【" + found + "】")


def test_every_occurrence_in_every_source_in_order():
    hits = check({"标题": "劳动和社会保障局通知", "正文": "甲劳动和社会保障局乙劳动和社会保障局"}, [OLD_NAME])
    assert [(h.source, h.start) for h in hits] == [("标题", 0), ("正文", 1), ("正文", 10)]
    assert hits[1].rule.correction == "人力资源和社会保障局"


def test_no_rules_or_blank_expressions_find_nothing():
    assert check({"正文": "任何内容"}, []) == []
    assert check({"正文": "任何内容"}, [Rule("  ")]) == []


def test_the_digest_changes_with_the_hits():
    one = check({"正文": "劳动和社会保障局"}, [OLD_NAME])
    two = check({"正文": "，劳动和社会保障局"}, [OLD_NAME])
    assert digest(one) != digest(two)
    assert digest(one) == digest(check({"正文": "劳动和社会保障局"}, [OLD_NAME]))


@given(st.text(max_size=200), st.text(min_size=1, max_size=5))
def test_fold_keeps_length_and_hits_point_at_the_expression(text, word):
    assert len(fold(text)) == len(text)
    for hit in check({"正文": text}, [Rule(word)]):
        assert fold(text[hit.start : hit.end]) == fold(word.strip())
