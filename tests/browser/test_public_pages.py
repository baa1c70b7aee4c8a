import pytest

from tests.browser.conftest import serious_axe_violations

pytestmark = pytest.mark.browser


def test_keyboard_alone_reaches_an_outcome_page(page, site_url):
    page.goto(site_url + "/")
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.inner_text() == "Skip to main content"
    assert skip_link.is_visible()  # it appears when focused

    target = "I am emotionally well"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == target:
            break
    else:
        pytest.fail(f"Tab never reached the link '{target}'")
    outline = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert outline == "rgb(255, 221, 0)"  # the focus style is visible
    page.keyboard.press("Enter")
    page.wait_for_url("**/i-am-emotionally-well/")
    assert page.locator("h1").inner_text() == target


def test_skip_link_moves_focus_to_the_main_content(page, site_url):
    page.goto(site_url + "/rochdale/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/rochdale/",
        "/rochdale/my-opinions-are-valued/",
        "/rochdale/plan-on-a-page/",
        "/accessibility/",
        "/privacy/",
        "/accounts/login/",
        "/accounts/password/reset/",
    ],
)
def test_no_serious_or_critical_axe_violations(page, site_url, path):
    page.goto(site_url + path)
    assert serious_axe_violations(page) == []


@pytest.mark.parametrize("path", ["/", "/rochdale/my-opinions-are-valued/"])
def test_pages_reflow_at_400_percent_zoom(browser, site_url, path):
    # 1280 CSS px at 400% zoom is a 320 px wide viewport (WCAG 1.4.10 Reflow).
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site_url + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0


def test_pages_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/")
    page.get_by_role("link", name="I am active and involved").click()
    assert page.locator("h1").inner_text() == "I am active and involved"
    context.close()
