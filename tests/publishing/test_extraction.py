"""The attachment text extractor on hostile bytes: any input gives a string within the bounds, never an error; an
expanding part beyond the limit or a file above the size limit gives nothing; the text is normalised for search."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.publishing import extraction
from gongkai.publishing.extraction import MAX_CHARS, text_of

from .test_attachment_search import MAKERS, _zip

LIMIT = 20 * 1024 * 1024
SAMPLES = {ext: make("样本文字ＡＢＣ") for ext, make in MAKERS.items()}


def test_each_type_gives_its_text_normalised():
    for ext, data in SAMPLES.items():
        assert "样本文字abc" in text_of(f"x.{ext}", data, LIMIT), ext


@settings(max_examples=150, deadline=None)
@given(ext=st.sampled_from(["pdf", "docx", "xlsx", "ofd", "doc", ""]), data=st.binary(max_size=4096))
def test_random_bytes_give_a_bounded_string(ext, data):
    text = text_of(f"x.{ext}", data, LIMIT)
    assert isinstance(text, str) and len(text) <= MAX_CHARS


@settings(max_examples=150, deadline=None)
@given(
    ext=st.sampled_from(sorted(SAMPLES)),
    cuts=st.lists(st.tuples(st.integers(min_value=0), st.binary(max_size=16)), min_size=1, max_size=6),
)
def test_damaged_real_files_give_a_bounded_string(ext, cuts):
    data = bytearray(SAMPLES[ext])
    for at, junk in cuts:
        at %= len(data)
        data[at : at + len(junk)] = junk
    text = text_of(f"x.{ext}", bytes(data), LIMIT)
    assert isinstance(text, str) and len(text) <= MAX_CHARS


def test_a_part_expanding_beyond_the_limit_is_not_read(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_PART_BYTES", 1024)
    body = "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>"
    bomb = _zip({"word/document.xml": body + "<w:p><w:t>炸弹</w:t></w:p>" * 200 + "</w:body></w:document>"})
    assert text_of("x.docx", bomb, LIMIT) == ""


def test_a_part_whose_directory_lies_about_its_size_is_read_only_up_to_the_limit(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_PART_BYTES", 1024)
    content = ("<w:document xmlns:w='urn:w'><w:body>" + "<w:p><w:t>字</w:t></w:p>" * 400).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", content)
    data = bytearray(buffer.getvalue())
    directory = data.rfind(b"PK\x01\x02")  # the central directory's uncompressed size: offset 24
    data[directory + 24 : directory + 28] = (10).to_bytes(4, "little")
    assert text_of("x.docx", bytes(data), LIMIT) == ""


def test_entities_are_not_expanded():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<w:document xmlns:w='urn:w'><w:p><w:t>&b;正文</w:t></w:p></w:document>"
    )
    text = text_of("x.docx", _zip({"word/document.xml": laughs}), LIMIT)
    assert "哈哈" not in text


def test_a_file_above_the_size_limit_or_of_another_type_gives_nothing():
    assert text_of("x.docx", SAMPLES["docx"], len(SAMPLES["docx"]) - 1) == ""
    assert text_of("x.doc", SAMPLES["docx"], LIMIT) == ""


def test_the_text_is_cut_at_max_chars(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_CHARS", 50)
    text = text_of("x.docx", MAKERS["docx"]("长" * 500), LIMIT)
    assert text == "长" * 50


def test_control_characters_are_dropped():
    assert extraction.normalized("甲\x00乙\x0b丙\ue000丁") == "甲 乙 丙 丁"
