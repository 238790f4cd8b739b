"""The flattening harness: reports rendered by core/render and served the way the web serves them, read back.

Generated reports (core/audit/samples.py: both templates, realistic identity-consistent figures, agencies of
every level) go through each flattening of core/audit/flattenings.py and the auditor. Over every table 三/四
cell at least 99.5 % must read exactly and every other cell must be marked `uncertain`; no cell of any table may
be wrong without the mark; year, template, title, agency and date must come out; and no report may be called
`late` that was published in time. `make test` runs a few hundred reports per flattening; the full harness —
2,000 per flattening — is `benchmarks/audit_harness.py`, which CI runs too. Hypothesis then looks for hostile
figures (runs of 1s and 11s whose digits can be cut many ways) and hostile page text.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.audit import audit_bytes
from gongkai.core.audit.flattenings import FORMS, compare, flatten
from gongkai.core.audit.flattenings import harness as run_harness
from gongkai.core.audit.samples import random_report
from gongkai.core.report.formats import APPEAL_GROUPS, APPLICANT_COLUMN_KEYS, get_template
from gongkai.core.report.model import AnnualReport

REPORTS_PER_FORM = 160


@pytest.fixture(scope="module", params=FORMS)
def harness(request):
    return request.param, run_harness(request.param, REPORTS_PER_FORM)


def test_tables_three_and_four_read_exactly_or_marked(harness):
    form, result = harness
    tally = result["tallies"]["requests_appeals"]
    assert tally.cells >= 170 * REPORTS_PER_FORM
    assert tally.share_exact >= 0.995, (form, tally)
    assert tally.wrong == tally.missing == 0, (form, tally)


def test_table_two_is_never_wrong_without_the_mark(harness):
    form, result = harness
    proactive = result["tallies"]["proactive"]
    assert proactive.wrong == proactive.missing == 0, (form, proactive)


def test_metadata_and_deadline(harness):
    form, result = harness
    assert result["misses"] == [], form


@st.composite
def _figures(draw, spec) -> dict[str, dict[str, int]]:
    """Table 三 whose digits glue ambiguously: values drawn from 0, 1, 10, 11 and two-digit numbers."""
    tricky = st.sampled_from([0, 0, 0, 1, 1, 10, 11, 12, 21, 101]) | st.integers(0, 130)
    requests: dict[str, dict[str, int]] = {row: {} for row in spec.request_row_keys}
    for column in APPLICANT_COLUMN_KEYS:
        results = {row: draw(tricky) if draw(st.booleans()) else 0 for row in spec.result_row_keys}
        handled = sum(results.values())
        carried_over = draw(st.integers(0, handled))
        carried_forward = draw(st.sampled_from([0, 1, 11, 2]))
        for row, value in results.items():
            requests[row][column] = value
        requests["carried_over"][column] = carried_over
        requests["carried_forward"][column] = carried_forward
        requests["new"][column] = handled + carried_forward - carried_over
    return {r: c for r, c in requests.items() if r != "total"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_hostile_figures_are_never_wrong_without_the_mark(data):
    template = data.draw(st.sampled_from(["2019", "2021"]))
    spec = get_template(template)
    year = 2020 if template == "2019" else 2023
    appeals = {
        f"{g.key}.{c}": data.draw(st.sampled_from([0, 1, 1, 10, 11]))
        for g in APPEAL_GROUPS
        for c in ("upheld", "corrected", "other", "pending")
    }
    truth = AnnualReport.from_figures(
        template,
        year,
        "某某市某某局",
        agency_kind="department",
        published_on=date(year + 1, 1, 20),
        requests=data.draw(_figures(spec)),
        appeals=appeals,
        prose={"overview": "本年度工作情况。", "problems": "存在问题和改进。", "other": "未收取信息处理费。"},
    )
    form = data.draw(st.sampled_from(FORMS))
    got = audit_bytes(flatten(truth, form, random.Random(data.draw(st.integers(0, 2**16)))), "hostile.txt")
    tallies = compare(truth, got)
    assert tallies["requests_appeals"].wrong == tallies["requests_appeals"].missing == 0
    assert tallies["proactive"].wrong == tallies["proactive"].missing == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 10_000),
    st.lists(
        st.sampled_from(
            [
                "当前位置：首页>政务公开>年报",
                "【打印本页】",
                "分享到：微信",
                "附件下载",
                "浏览次数：1234",
                "2024-01-05",
                "１２３",
                "（",
            ]
        ),
        max_size=4,
    ),
    st.integers(0, 1 << 20),
)
def test_hostile_page_text_around_a_flattened_report(seed, noise, where):
    """Chrome and stray text spliced into a one-line report: whatever it breaks is reported or marked, never
    read as a wrong number."""
    rng = random.Random(seed)
    truth = random_report(rng, seed)
    text = flatten(truth, "strip", rng).decode("utf-8")
    for piece in noise:
        position = where % (len(text) + 1)
        around = text[max(0, position - 1) : position + 1]
        if not any(
            c.isdigit() or c in ".+-" for c in around
        ):  # text inside a run of digits changes the figures
            text = text[:position] + piece + text[position:]
        where = where * 31 + 7
    got = audit_bytes(text.encode("utf-8"), "noisy.txt")
    tallies = compare(truth, got)
    assert tallies["requests_appeals"].wrong + tallies["proactive"].wrong == 0
    if tallies["requests_appeals"].missing or tallies["proactive"].missing:
        assert {"row-missing", "table-missing"} & {f.code for f in got.findings}
