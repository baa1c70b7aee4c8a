"""Browser tests: Playwright for Python drives Debian's Chromium against the live server.

Playwright's sync API runs an event loop in the test thread, so Django's guard against database
calls from async code must be relaxed for these tests (the calls are in fact synchronous).
"""

import os
import shutil
import threading

import django
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright

from engagement.roles import sync_roles
from outcomes_cms.demo import seed_outcomes_cms
from tests.conftest import load_frameworks

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium keeps reaching for Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session", autouse=True)
def allow_sync_database_calls_under_playwright():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server running one request's Django code at a time.

    With in-memory SQLite every request shares the test's one connection, and two at once (a
    page and its icons, say) interleave their savepoints: "no such savepoint", then every later
    test fails. Connections are still served by threads, so a socket Chromium opens ahead of
    time and never uses cannot stall the others; only the application waits its turn, and the
    body (a streamed CSV reads the database as it goes) is read before the next one starts.
    """

    _turn = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self._turn:
                response = application(environ, start_response)
                try:
                    return list(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LiveServerThread, "server_class", OneRequestAtATime)
        yield


@pytest.fixture(scope="session")
def browser(allow_sync_database_calls_under_playwright):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site_url(live_server, transactional_db):
    """The live server's address, with the demo content and the roles' groups loaded (the
    database is flushed between such tests, groups and their permissions with it)."""
    seed_outcomes_cms(load_frameworks())
    sync_roles(django.apps.apps)  # after the pages: its page permissions are on the root page
    return live_server.url


def settle(page) -> None:
    """Wait until the page has stopped moving.

    Wagtail's messages fade in over half a second: axe measuring mid-fade sees pale text and
    reports low contrast that no one reading the page would meet.
    """
    page.wait_for_load_state("load")
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    # Jump every finite animation to its end, as a reader sees the page once it has stopped:
    # waiting for them instead cost 25 s a page in the admin, whose sidebar badge pings 5
    # times for 5 s.
    # Twice, a frame apart: an animation started by the first one's end (a message that
    # fades in after another) is finished too.
    for _ in range(2):
        page.evaluate(
            """() => new Promise(done => {
                document.getAnimations().forEach(animation => {
                    if (animation.playState === "running"
                        && animation.effect.getComputedTiming().iterations !== Infinity) {
                        animation.finish();
                    }
                });
                requestAnimationFrame(() => requestAnimationFrame(done));
            })"""
        )


def serious_axe_violations(page) -> list[dict]:
    """axe-core's serious and critical violations, WCAG 2.2 AA tags plus target-size."""
    settle(page)
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "rules": {"target-size": {"enabled": True}},
            "resultTypes": ["violations", "passes", "incomplete", "inapplicable"],
        },
    )
    ran = {
        rule["id"]
        for kind in ("violations", "passes", "incomplete", "inapplicable")
        for rule in results.response[kind]
    }
    assert "target-size" in ran, "axe did not run the target-size rule"
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
