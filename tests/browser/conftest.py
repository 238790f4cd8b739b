"""Browser tests: Playwright driving Debian's chromium (never `playwright install`).

Without /usr/bin/chromium the tests are skipped with the install command — except in CI
(CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = "chromium not found: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (fixtures) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def login(page, live_server, user) -> None:
    """Sign `user` in through the admin's login form."""
    from support import PASSWORD

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", user.get_username())
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


@pytest.fixture
def decided_case(world):
    """(the office's user, a case of dept received in person on 2025-03-03 and decided 公开 on 2025-03-20)."""
    from datetime import date

    from gongkai.agencies.roles import Role
    from gongkai.applications import services

    office = world["people"][("dept", Role.DISCLOSURE_OFFICE)].user
    fields = {
        "applicant_type": "natural_person",
        "name": "赵六",
        "id_type": "passport",
        "id_number": "E12345678",
        "phone": "13900001111",
        "email": "zhao@example.com",
        "info_name": "2025 年度稳岗返还名单",
        "form": "electronic",
        "obtaining": "email",
    }
    app, _ = services.intake(
        world["dept"], fields, channel="in_person", arrived_on=date(2025, 3, 3), by=office
    )
    basis = "《中华人民共和国政府信息公开条例》第三十六条第（二）项"
    app = services.decide(app, on=date(2025, 3, 20), outcome="granted", basis=basis, by=office)
    return office, app
