"""What a survey question page costs a phone on a cold load: bytes over the wire and requests.

    .venv/bin/python manage.py runserver 8000 &
    .venv/bin/python benchmarks/page_weight.py http://127.0.0.1:8000/SURVEY-SLUG/ 1 2 3

starts a response (start, "I am answering for myself"), then loads each question page named in
a browser context with the session's cookie and an empty cache, as a phone arriving on the page
would, and prints the bytes each response took (headers and body as sent, Chromium's own
figures) and the number of requests. tests/browser/test_symbols.py checks the same limits.
"""

import sys

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


def start_response(page, survey_url: str) -> None:
    page.goto(survey_url)
    page.get_by_role("button", name="Start").first.click()
    page.locator("input[name=answered_by]").first.check()
    page.get_by_role("button", name="Continue").click()


def cold_load(browser, storage_state, url: str) -> tuple[int, int]:
    """(bytes, requests) for one navigation in a new context: nothing cached."""
    context = browser.new_context(storage_state=storage_state)
    page = context.new_page()
    sizes = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    context.close()
    total = sum(size["responseHeadersSize"] + size["responseBodySize"] for size in sizes)
    return total, len(sizes)


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
