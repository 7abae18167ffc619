"""Fixtures for the console's browser tests: a headless Chromium driven through chromedriver,
pointed at an already-running llmops server (LLMOPS_URL) with an admin key (LLMOPS_ADMIN_KEY)."""
import json
import os
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

SCREENSHOT_DIR = os.environ.get("LLMOPS_SCREENSHOT_DIR", "/tmp")


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("LLMOPS_URL")
    if not url:
        pytest.skip("LLMOPS_URL is not set: start a server (tests/browser/run_console_test.sh does) and point at it")
    return url.rstrip("/")


@pytest.fixture(scope="session")
def admin_key():
    key = os.environ.get("LLMOPS_ADMIN_KEY")
    if not key:
        pytest.skip("LLMOPS_ADMIN_KEY is not set")
    return key


@pytest.fixture(scope="session")
def api(base_url, admin_key):
    """GET a management API path as JSON, with the admin key."""
    def get(path):
        request = urllib.request.Request(base_url + path, headers={"Authorization": f"Bearer {admin_key}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    return get


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1366,1100", "--lang=en-US"):
        options.add_argument(flag)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(driver, name):
    """Saves a full-height screenshot as $LLMOPS_SCREENSHOT_DIR/llmops-console-<name>.png."""
    height = driver.execute_script("return document.documentElement.scrollHeight") or 1100
    driver.set_window_size(1366, max(1100, min(int(height) + 40, 4000)))
    path = os.path.join(SCREENSHOT_DIR, f"llmops-console-{name}.png")
    driver.save_screenshot(path)
    return path


@pytest.fixture(scope="session")
def api_post(base_url, admin_key):
    """POST (or PUT) JSON — or raw text with a content type — to a management API path with the admin key."""
    def post(path, payload=None, method="POST", text=None, content_type="application/json"):
        data = text.encode() if text is not None else json.dumps(payload).encode()
        request = urllib.request.Request(base_url + path, data=data, method=method,
                                         headers={"Authorization": f"Bearer {admin_key}", "Content-Type": content_type})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            return json.loads(body) if body else None
    return post
