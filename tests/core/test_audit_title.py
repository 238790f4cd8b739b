"""The title as PDF lines break it: wrapped before, after or inside 报告."""

import pytest

from gongkai.core.audit.document import Paragraph
from gongkai.core.audit.structure import find_title

TITLE = "甲区人社局2020年政府信息公开工作年度报告"


@pytest.mark.parametrize(
    "lines",
    [
        [TITLE],
        ["甲区人社局", "2020年政府信息公开工作年度报告"],
        ["甲区人社局2020年政府信息公开工作年度", "报告"],
        ["甲区人社局2020年政府信息公开工作年度报", "告"],
    ],
)
def test_wrapped_title_is_found_whole(lines):
    blocks = [Paragraph(line) for line in lines] + [Paragraph("一、总体情况")]
    title, used = find_title(blocks, len(lines))
    assert title == TITLE
    assert used == list(range(len(lines)))
