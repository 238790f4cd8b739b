"""End to end: a member of staff imports a 政务服务 export of decisions, follows the job's progress bar to
100 % and sees the figure change; a file near the 50 MB limit goes up with its upload progress shown."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gongkai.agencies import demo as agencies_demo
from gongkai.powers import demo as powers_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = 12_000  # more than importing.PROGRESS_EVERY: the job reports progress on its way

RECORD_UPLOAD = """() => {
  const bar = document.getElementById("upload-progress");
  sessionStorage.setItem("upload", "[]");
  new MutationObserver(() => {
    const seen = JSON.parse(sessionStorage.getItem("upload"));
    seen.push([bar.value, bar.max]);
    sessionStorage.setItem("upload", JSON.stringify(seen));
  }).observe(bar, { attributes: true, attributeFilter: ["value", "max"] });
}"""


@pytest.fixture(autouse=True)
def _readers_do_not_lock_out_the_job():
    """The test database is SQLite in shared-cache memory, where a reader (the progress bar's polls, on the
    live server's connection) makes the job thread's writes fail at once with "table is locked" instead of
    waiting as on a database file. Uncommitted reads take no table locks; the job thread's connection is
    opened later, hence the signal."""
    from django.db import connection
    from django.db.backends.signals import connection_created

    def uncommitted(sender, connection, **kwargs):
        if connection.vendor == "sqlite":
            connection.cursor().execute("PRAGMA read_uncommitted = 1")

    uncommitted(None, connection)
    connection_created.connect(uncommitted)
    yield
    connection_created.disconnect(uncommitted)


def _login(page, live_server):
    agencies_demo.load()
    powers_demo.load()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "rsj-yewu")
    page.fill("input[name=password]", agencies_demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_import_decisions_with_preview_and_progress(live_server, page, tmp_path, transactional_db):
    _login(page, live_server)
    export = tmp_path / "办件导出.csv"
    rows = [f"GK{i:05d},XK-001,2021-{i % 12 + 1:02d}-10" for i in range(ROWS)]
    export.write_bytes(("办件编号,事项编码,办结时间\n" + "\n".join(rows)).encode("gbk"))

    page.goto(f"{live_server.url}/admin/gongkai/powers/jingkai-rsj/2021/")
    page.get_by_role("link", name="导入处理决定").click()
    page.set_input_files("input[type=file]", str(export))
    page.get_by_role("button", name="上传并预览").click()
    expect(page.get_by_text("GK00000")).to_be_visible()
    expect(page.get_by_label("事项编码所在列")).to_have_value("事项编码")
    page.get_by_role("button", name="确认导入").click()

    status = page.locator("#import-progress-text")
    expect(status).to_have_text(f"导入完成：{ROWS} 行，处理决定 {ROWS} 件（100%）", timeout=30_000)
    expect(status).to_have_attribute("aria-live", "polite")
    bar = page.get_by_role("progressbar")
    expect(bar).to_have_attribute("value", "100")
    expect(bar).to_have_attribute("max", "100")
    expect(page.get_by_text(f"已导入 {ROWS} 行，处理决定 {ROWS} 件")).to_be_visible()
    page.get_by_role("link", name="返回 2021 年权责清单").click()
    expect(page.get_by_text("办件导出.csv")).to_be_visible()


def test_errors_of_every_row_are_shown_and_nothing_saved(live_server, page, tmp_path, transactional_db):
    _login(page, live_server)
    export = tmp_path / "有错误.csv"
    export.write_bytes("办件编号,事项编码,办结时间\nA1,XK-001,2021-01-10\nA2,NOPE,2021-02-30\n".encode())
    page.goto(f"{live_server.url}/admin/gongkai/powers/jingkai-rsj/2021/import/")
    page.set_input_files("input[type=file]", str(export))
    page.get_by_role("button", name="上传并预览").click()
    page.get_by_role("button", name="确认导入").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("未导入任何数据", timeout=30_000)
    expect(alert).to_contain_text(
        "第 3 行：事项编码“NOPE”不在本年度权责清单中；办结日期“2021-02-30”不是有效日期"
    )


def test_a_file_near_50_mb_goes_up_with_its_upload_progress(live_server, page, tmp_path, transactional_db):
    _login(page, live_server)
    export = tmp_path / "large.csv"
    line = "GK{:07d},XK-001,2021-03-10,{}\n"
    padding = "x" * 60
    with export.open("w", encoding="utf-8") as out:
        out.write("办件编号,事项编码,办结时间,备注\n")
        for i in range(48 * 1024 * 1024 // len(line.format(0, padding))):
            out.write(line.format(i, padding))
    assert 45 * 1024 * 1024 < export.stat().st_size < 50 * 1024 * 1024

    page.goto(f"{live_server.url}/admin/gongkai/powers/jingkai-rsj/2021/import/")
    page.evaluate(RECORD_UPLOAD)
    page.set_input_files("input[type=file]", str(export))
    page.get_by_role("button", name="上传并预览").click()
    expect(page.get_by_text("GK0000000")).to_be_visible(timeout=60_000)
    seen = page.evaluate("() => JSON.parse(sessionStorage.getItem('upload'))")
    uploaded = [value for value, top in seen if top > 1]
    assert uploaded and uploaded[-1] == max(top for _, top in seen) >= export.stat().st_size
