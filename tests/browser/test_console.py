"""The web console as a browser sees it: sign in with a key, read the dashboard, open a trace."""
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import screenshot


def sign_in(browser, base_url, key):
    browser.get(base_url + "/")
    WebDriverWait(browser, 10).until(EC.url_contains("/login"))
    field = browser.find_element(By.ID, "api_key")
    field.send_keys(key)
    field.submit()
    WebDriverWait(browser, 10).until(lambda d: "/login" not in d.current_url)


def traces_in_last_day(api):
    """How many traces the API lists from the last 24 hours (what the default dashboard counts)."""
    since = (datetime.now(timezone.utc) - timedelta(hours=24)).strftime("%Y-%m-%dT%H:%M:%SZ")
    count, cursor = 0, None
    while True:
        page = api(f"/api/traces?limit=1000&from={since}" + (f"&cursor={cursor}" if cursor else ""))
        count += len(page["data"])
        cursor = page.get("next_cursor")
        if not cursor:
            return count


def test_pages_need_a_session(browser, base_url):
    browser.get(base_url + "/traces")
    WebDriverWait(browser, 10).until(EC.url_contains("/login"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sign in to the console"


def test_a_wrong_key_is_refused(browser, base_url):
    browser.get(base_url + "/login")
    field = browser.find_element(By.ID, "api_key")
    field.send_keys("llmops-not-a-real-key")
    field.submit()
    alert = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
    assert "not accepted" in alert.text
    assert "/login" in browser.current_url


def test_dashboard_shows_request_count_and_charts(browser, base_url, admin_key, api):
    sign_in(browser, base_url, admin_key)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Dashboard"
    expected = traces_in_last_day(api)
    assert expected > 0, "the harness should have sent traffic before the browser test"
    shown = browser.find_element(By.CSS_SELECTOR, "#stat-requests .value").text
    assert int(shown.replace(",", "")) == expected
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == 4
    titles = [c.find_element(By.TAG_NAME, "title").get_attribute("textContent") for c in charts]
    assert titles == ["Requests and errors", "Latency p50 and p95", "Tokens", "Cost (USD)"]
    requests_chart = charts[0]
    assert requests_chart.size["width"] > 300, "the chart is laid out at a readable size"
    assert requests_chart.find_elements(By.CSS_SELECTOR, "path, circle"), "the requests line is drawn"
    assert browser.find_element(By.ID, "models").text  # the per-model table is there
    print("dashboard screenshot:", screenshot(browser, "dashboard"))


def test_traces_list_and_detail(browser, base_url, admin_key, api):
    sign_in(browser, base_url, admin_key)
    browser.find_element(By.LINK_TEXT, "Traces").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "traces")))
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.trace-row")
    newest = api("/api/traces?limit=1")["data"][0]
    assert len(rows) == len(api("/api/traces?limit=50")["data"])
    cells = rows[0].find_elements(By.TAG_NAME, "td")
    assert cells[1].text == newest["model"]
    assert cells[2].text == newest["status"]
    print("traces screenshot:", screenshot(browser, "traces"))

    rows[0].find_element(By.CSS_SELECTOR, "a.trace-link").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/traces/" + newest["id"]))
    assert browser.find_element(By.ID, "trace-model").text == newest["model"]
    output = newest["output"]
    output_text = output.get("content") if isinstance(output, dict) else output
    assert output_text, "the newest trace should have an answer"
    assert output_text.strip() in browser.find_element(By.ID, "trace-output").text
    first_input = newest["input"][-1]["content"]
    assert first_input in browser.find_element(By.ID, "trace-input").text
    browser.find_element(By.TAG_NAME, "summary").click()
    assert newest["id"] in browser.find_element(By.ID, "raw-json").text
    print("trace screenshot:", screenshot(browser, "trace"))


def test_filters_and_sign_out(browser, base_url, admin_key, api):
    sign_in(browser, base_url, admin_key)
    newest = api("/api/traces?limit=1")["data"][0]
    browser.get(base_url + "/traces?status=ok&model=" + newest["model"])
    for row in browser.find_elements(By.CSS_SELECTOR, "tr.trace-row"):
        cells = row.find_elements(By.TAG_NAME, "td")
        assert cells[1].text == newest["model"] and cells[2].text == "ok"
    browser.find_element(By.CSS_SELECTOR, "header form button").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/login"))
    browser.get(base_url + "/")
    WebDriverWait(browser, 10).until(EC.url_contains("/login"))
