"""The registry and review pages as a browser sees them: a prompt diff, the playground answering
through the gateway (mock model), a comparison of two experiment runs, and one queued item scored."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import screenshot
from test_console import sign_in


def wait_for(browser, element_id):
    return WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, element_id)))


def test_prompt_diff(browser, base_url, admin_key, api_post):
    for text, message in [("Answer briefly: {{question}}", "first"), ("Answer in one line: {{question}}\nBe kind.", "one line")]:
        api_post("/api/prompts", {"name": "support", "text": text, "config": {"model": "mock-model"}, "commit_message": message})
    sign_in(browser, base_url, admin_key)
    browser.find_element(By.LINK_TEXT, "Prompts").click()
    browser.find_element(By.CSS_SELECTOR, "a.prompt-link").click()
    wait_for(browser, "versions")
    Select(browser.find_element(By.ID, "diff-from")).select_by_value("1")
    Select(browser.find_element(By.ID, "diff-to")).select_by_value("2")
    browser.find_element(By.ID, "diff-button").click()
    diff = wait_for(browser, "diff")
    removed = [e.text for e in diff.find_elements(By.CSS_SELECTOR, ".removed")]
    added = [e.text for e in diff.find_elements(By.CSS_SELECTOR, ".added")]
    assert removed == ["- Answer briefly: {{question}}"]
    assert added == ["+ Answer in one line: {{question}}", "+ Be kind."]
    assert diff.find_element(By.CSS_SELECTOR, ".added").value_of_css_property("background-color") != \
        diff.find_element(By.CSS_SELECTOR, ".removed").value_of_css_property("background-color")
    print("prompt diff screenshot:", screenshot(browser, "prompt-diff"))


def test_playground_answers_through_the_gateway(browser, base_url, admin_key, api, api_post):
    sign_in(browser, base_url, admin_key)
    browser.get(base_url + "/prompts/support/playground?version=2")
    question = wait_for(browser, "pg-var-question")
    question.send_keys("Where is my parcel?")
    Select(browser.find_element(By.ID, "pg-model")).select_by_value("mock-model")
    browser.find_element(By.ID, "pg-run").click()
    answer = wait_for(browser, "pg-answer")
    assert "Answer in one line: Where is my parcel?" in answer.text
    assert answer.text.lower().startswith("echo:")
    trace_link = browser.find_element(By.ID, "pg-trace")
    trace = api("/api/traces/" + trace_link.text)
    assert "playground" in trace["tags"] and trace["metadata"]["prompt_version"] == 2
    print("playground screenshot:", screenshot(browser, "playground"))


def test_run_comparison(browser, base_url, admin_key, api_post):
    lines = "".join(f'{{"input": {{"question": "q{i}"}}, "expected_output": "a{i}"}}\n' for i in range(8))
    api_post("/api/datasets/faq?format=jsonl", text=lines, content_type="application/x-ndjson")
    plan = {"dataset": "faq", "target": {"type": "prompt", "prompt": "support", "version": 1}, "metrics": ["exact", "bleu"],
            "concurrency": 2}
    runs = []
    for name, scores in [("baseline", [1, 1, 1, 0, 1, 1, 0, 1]), ("candidate", [1, 0, 1, 1, 0, 1, 0, 0])]:
        run = api_post("/api/experiments", plan)
        items = [{"item": i, "output": f"{name} {i}", "latency": 0.2, "cost": 0.0001, "scores": {"exact": s, "bleu": 40.0 * s + i}}
                 for i, s in enumerate(scores)]
        api_post(f"/api/experiments/{run['id']}/items", {"items": items})
        api_post(f"/api/experiments/{run['id']}/finish", {"summary": {"passed": True}})
        runs.append(run["id"])
    sign_in(browser, base_url, admin_key)
    browser.find_element(By.LINK_TEXT, "Experiments").click()
    Select(wait_for(browser, "compare-baseline")).select_by_value(runs[0])
    Select(browser.find_element(By.ID, "compare-candidate")).select_by_value(runs[1])
    browser.find_element(By.ID, "compare-button").click()
    table = wait_for(browser, "comparison")
    rows = table.find_elements(By.CSS_SELECTOR, "tr.metric-row")
    assert [r.get_attribute("data-metric") for r in rows] == ["exact", "bleu"]
    cells = rows[0].find_elements(By.TAG_NAME, "td")
    assert cells[2].text == "0.75" and cells[3].text == "0.5" and cells[4].text == "-0.25"
    assert cells[6].text == "1 / 4 / 3"
    chart = rows[0].find_element(By.CSS_SELECTOR, "svg.interval")
    assert chart.size["width"] > 100, "the interval is drawn at a readable size"
    assert chart.find_elements(By.CSS_SELECTOR, "line.ci") and chart.find_elements(By.CSS_SELECTOR, "circle.mean")
    regressed = browser.find_elements(By.CSS_SELECTOR, "#regressions tr.regression-row")
    assert {r.find_elements(By.TAG_NAME, "td")[1].text for r in regressed} >= {"1", "4", "7"}
    print("comparison screenshot:", screenshot(browser, "comparison"))


def test_score_one_queued_item(browser, base_url, admin_key, api, api_post):
    api_post("/api/score-definitions", {"name": "helpfulness", "kind": "numeric", "min": 1, "max": 5,
                                        "description": "Did it answer the question?"})
    api_post("/api/score-definitions", {"name": "tone", "kind": "categorical", "categories": ["friendly", "neutral", "rude"]})
    queue = api_post("/api/queues", {"name": "Support answers", "score_definitions": ["helpfulness", "tone"],
                                     "trace_filter": {"model": "mock-model", "status": "ok"}})
    sign_in(browser, base_url, admin_key)
    browser.find_element(By.LINK_TEXT, "Review").click()
    browser.find_element(By.CSS_SELECTOR, "a.queue-link").click()
    wait_for(browser, "review-next").click()
    field = wait_for(browser, "score.helpfulness")
    assert browser.find_element(By.ID, "review-output").text, "the reviewer sees the answer being judged"
    field.send_keys("4")
    Select(browser.find_element(By.ID, "score.tone")).select_by_value("friendly")
    browser.find_element(By.ID, "review-comment").send_keys("Short and correct")
    print("review screenshot:", screenshot(browser, "review"))
    browser.find_element(By.ID, "review-save").click()
    notice = wait_for(browser, "review-notice")
    assert notice.text == "Item 0 saved."
    first = api(f"/api/queues/{queue['id']}/items/0")
    assert first["state"] == "completed"
    scores = {s["name"]: s for s in first["scores"]}
    assert scores["helpfulness"]["value"] == 4 and scores["tone"]["value"] == "friendly"
    assert scores["tone"]["source"] == "human" and scores["tone"]["comment"] == "Short and correct"
    assert api(f"/api/queues/{queue['id']}")["progress"]["completed"] == 1


def test_create_a_queue_in_the_console_and_review_one_item(browser, base_url, admin_key, api):
    sign_in(browser, base_url, admin_key)
    browser.find_element(By.LINK_TEXT, "Review").click()
    wait_for(browser, "def-name").send_keys("correct")
    browser.find_element(By.ID, "def-kind-boolean").click()
    browser.find_element(By.ID, "def-description").send_keys("Is the answer right?")
    browser.find_element(By.ID, "def-create").click()
    assert wait_for(browser, "review-notice").text == "Score definition 'correct' created."
    browser.find_element(By.ID, "queue-name").send_keys("Ada's questions")
    browser.find_element(By.ID, "queue-def-correct").click()
    browser.find_element(By.ID, "queue-filter-user").send_keys("ada")
    print("queue form screenshot:", screenshot(browser, "queue-form"))
    browser.find_element(By.ID, "queue-create").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/review/queue_"))
    assert wait_for(browser, "review-notice").text == "Queue created with 2 items."
    queue_id = browser.current_url.split("/review/")[1].split("?")[0]
    browser.find_element(By.ID, "review-next").click()
    wait_for(browser, "score.correct-yes").click()
    browser.find_element(By.ID, "review-save").click()
    WebDriverWait(browser, 10).until(EC.url_contains("saved=0"))
    assert wait_for(browser, "review-notice").text == "Item 0 saved."
    item = api(f"/api/queues/{queue_id}/items/0")
    assert item["state"] == "completed"
    mine = [(s["name"], s["value"], s["source"]) for s in item["scores"] if s.get("queue_id") == queue_id]
    assert mine == [("correct", True, "human")], "the trace may hold other queues' scores too"
    assert api(f"/api/queues/{queue_id}")["item_count"] == 2
