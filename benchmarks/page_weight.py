"""What a survey question page costs a phone on a cold load: bytes over the wire and requests.

    .venv/bin/python manage.py runserver 8000 &
    .venv/bin/python benchmarks/page_weight.py http://127.0.0.1:8000/SURVEY-SLUG/ 1 2 3

starts a response (start, "I am answering for myself"), then loads each question page named in
a browser context with the session's cookie and an empty cache, as a phone arriving on the page
would, and prints the bytes each response took (headers and body as sent, Chromium's own
figures) and the number of requests. tests/browser/test_symbols.py checks the same limits.
"""

import gzip
import sys

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# What WhiteNoise compresses (it leaves images such as PNG and video alone).
COMPRESSED = {"text/css", "text/javascript", "application/javascript", "image/svg+xml"}


def start_response(page, survey_url: str) -> None:
    page.goto(survey_url)
    page.get_by_role("button", name="Start").first.click()
    page.wait_for_url("**/who/")
    # With JavaScript a tap on who is answering goes straight on (the chat); without, Continue.
    page.locator("label[for=id_answered_by_0]").click()
    try:
        page.wait_for_url("**/question/1/", timeout=5000)
    except PlaywrightTimeout:
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/question/1/")


def cold_load(browser, storage_state, url: str) -> tuple[int, int]:
    """(bytes, requests) for one navigation in a new context: nothing cached.

    Bytes as production sends them: the page itself as it comes, and each static file (CSS,
    JavaScript, SVG) gzipped, as WhiteNoise's CompressedManifestStaticFilesStorage serves it
    to every browser; runserver and the test server send static files uncompressed."""
    context = browser.new_context(storage_state=storage_state)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    total = sum(_bytes_sent(request) for request in finished)
    context.close()
    return total, len(finished)


def _bytes_sent(request) -> int:
    size = request.sizes()
    body = size["responseBodySize"]
    response = request.response()
    kind = (response.headers.get("content-type", "") if response else "").split(";")[0]
    if response and kind in COMPRESSED and "/static/" in request.url:
        body = len(gzip.compress(response.body()))
    return size["responseHeadersSize"] + body


def main(survey_url: str, numbers: list[int]) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context()
        page = context.new_page()
        start_response(page, survey_url)
        state = context.storage_state()
        for number in numbers:
            total, requests = cold_load(browser, state, f"{survey_url}question/{number}/")
            print(f"question {number}: {total / 1024:.1f} KB in {requests} requests")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], [int(n) for n in sys.argv[2:]] or [1])
