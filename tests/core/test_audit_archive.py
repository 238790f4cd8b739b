"""The reports inside an uploaded ZIP: bounded before extraction, base names only, non-reports skipped."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.audit.archive import unpack
from gongkai.core.audit.document import UnreadableError

BOUNDS = {"max_files": 3, "max_file_bytes": 100, "max_total_bytes": 150}


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name,kept",
    [
        ("2024.pdf", "2024.pdf"),
        ("年报/2024年度报告.DOCX", "2024年度报告.DOCX"),
        ("../../etc/2024.txt", "2024.txt"),
        ("/abs/2024.html", "2024.html"),
        ("a\\b\\2024.htm", "2024.htm"),
        ("__MACOSX/._2024.pdf", None),
        (".hidden/2024.pdf", None),
        ("notes.md", None),
        ("inner.zip", None),
    ],
)
def test_member_names(name, kept):
    data = _zip({name: b"x", "keep.txt": b"y"})
    names = [n for n, _ in unpack(data, **BOUNDS)]
    assert names == ([kept] if kept else []) + ["keep.txt"]


@pytest.mark.parametrize(
    "members,message",
    [
        ({f"{n}.txt": b"x" for n in range(4)}, "报告过多"),
        ({"a.txt": b"x" * 101}, "过大"),
        ({"a.txt": b"x" * 80, "b.txt": b"x" * 80}, "解压后过大"),
        ({"a.txt": b""}, "空文件"),
        ({"a.md": b"x"}, "没有可检查的报告文件"),
    ],
)
def test_bounds_are_checked_before_reading(members, message):
    with pytest.raises(UnreadableError, match=message):
        unpack(_zip(members), **BOUNDS)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_hostile_bytes_give_a_reason_never_a_crash(data):
    try:
        unpack(b"PK\x03\x04" + data, **BOUNDS)
    except UnreadableError as exc:
        assert str(exc)
