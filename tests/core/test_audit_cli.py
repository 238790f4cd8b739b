"""`gongkai audit`: outputs, batches, cross-year pairing, exit status."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from gongkai.cli import main
from gongkai.core.audit.batch import agency_key, collect_paths
from gongkai.core.render.html import render_html
from gongkai.core.report.model import Cell

from report_samples import city_department_2022, city_department_2023

FIXTURES = Path(__file__).parents[1] / "fixtures"
SAMPLE = FIXTURES / "2020-jingkai-hrss.txt"
REAL = FIXTURES / "real"


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["audit", *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_default_summary(capsys):
    status, out, _ = run(capsys, str(SAMPLE))
    assert status == 0
    for text in ("placeholder", "section-missing", "人力资源和社会保障局", "错误"):
        assert text in out


def test_strict_exit_status(capsys):
    assert run(capsys, "--strict", str(SAMPLE))[0] == 1
    clean = REAL / "2024-huaian-city.pdf"
    assert run(capsys, "--strict", "--json", str(clean))[0] == 0


def test_misuse(capsys):
    status, _, err = run(capsys, "/no/such/report.pdf")
    assert status == 2 and "找不到" in err
    status, _, err = run(capsys)  # nothing to audit: no file, no URL
    assert status == 2 and "--url" in err
    assert run(capsys, "--jobs", "0", str(SAMPLE))[0] == 2


def test_empty_directory_is_misuse(capsys, tmp_path):
    status, _, err = run(capsys, str(tmp_path))
    assert status == 2 and "没有可审核的文件" in err


def test_json_array_csv_and_html(capsys, tmp_path):
    csv_file, html_file = tmp_path / "out.csv", tmp_path / "out.html"
    status, out, _ = run(
        capsys,
        "--json",
        "--jobs",
        "2",
        "--csv",
        str(csv_file),
        "--html",
        str(html_file),
        str(SAMPLE),
        str(REAL),
    )
    assert status == 0
    documents = json.loads(out)
    assert [Path(d["source"]).name for d in documents] == [
        "2020-jingkai-hrss.txt",
        "2023-huaian-hongze-district.pdf",
        "2024-huaian-city.pdf",
        "2024-huaian-hongze-district.pdf",
        "template-2021-blank.docx",
    ]
    with open(csv_file, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["source", "agency", "year", "template", "errors", "warnings", "codes"]
    assert rows[0]["year"] == "2020" and rows[0]["template"] == "2019"
    assert int(rows[0]["errors"]) > 0 and "placeholder" in rows[0]["codes"].split()
    page = html_file.read_text(encoding="utf-8")
    assert page.count('class="official') >= 12
    assert "flag-error" in page and "左栏所有总计" in page


def _write(path: Path, report) -> Path:
    path.write_text(render_html(report), encoding="utf-8")
    return path


def test_batch_pairs_consecutive_years(capsys, tmp_path):
    before = _write(tmp_path / "2022.html", city_department_2022())
    later = city_department_2023()
    later.requests["carried_over"]["natural_person"] = Cell.of(99)
    after = _write(tmp_path / "2023.html", later)
    documents = json.loads(run(capsys, "--json", str(before), str(after))[1])
    by_year = {d["year"]: d for d in documents}
    assert any(f["code"] == "carry-over" for f in by_year[2023]["findings"])
    assert not any(f["code"] == "carry-over" for f in by_year[2022]["findings"])
    alone = json.loads(run(capsys, "--json", str(after))[1])[0]
    assert not any(f["code"] == "carry-over" for f in alone["findings"])
    given = json.loads(run(capsys, "--json", "--previous", str(before), str(after))[1])[0]
    assert any(f["code"] == "carry-over" for f in given["findings"])


def test_collect_paths_recursive(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.PDF", "a/b/y.docx", "a/b/z.htm", "a/notes.md", "top.txt"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_paths([tmp_path])]
    assert found == ["a/b/y.docx", "a/b/z.htm", "a/x.PDF", "top.txt"]


def test_agency_key_pairs_names_with_and_without_the_city():
    assert agency_key("淮安市洪泽区人民政府") == agency_key("洪泽区人民政府")


def test_missing_previous_is_misuse(capsys):
    status, _, err = run(capsys, "--previous", "/no/such/2019.txt", str(SAMPLE))
    assert status == 2 and "上一年度" in err
