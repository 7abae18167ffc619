"""The official `openai` Python SDK against the gateway, as a user would point it."""
import base64
import struct

import openai
import pytest
import requests


@pytest.fixture()
def client(gateway):
    return openai.OpenAI(base_url=gateway["base"] + "/v1", api_key=gateway["admin_key"], max_retries=0)


def traces(gateway, **params):
    reply = requests.get(gateway["base"] + "/api/traces", params=params,
                         headers={"Authorization": "Bearer " + gateway["admin_key"]}, timeout=10)
    reply.raise_for_status()
    return reply.json()["data"]


def test_chat_completion(client, gateway):
    completion = client.chat.completions.create(
        model="mock-model", messages=[{"role": "user", "content": "hello sdk"}], user="sdk-user",
        extra_headers={"X-Session-Id": "sdk-session"})
    assert completion.choices[0].message.content == "echo: hello sdk"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage.completion_tokens == 3
    trace = traces(gateway, session_id="sdk-session")[0]
    assert trace["user"] == "sdk-user"
    assert trace["model"] == "mock-model"
    assert trace["status"] == "ok"
    assert trace["output"]["content"] == "echo: hello sdk"


def test_chat_completion_stream(client, gateway):
    stream = client.chat.completions.create(
        model="mock-model", messages=[{"role": "user", "content": "stream this please"}], stream=True,
        stream_options={"include_usage": True}, extra_headers={"X-Session-Id": "sdk-stream"})
    pieces, usage = [], None
    for chunk in stream:
        if chunk.usage:
            usage = chunk.usage
        for choice in chunk.choices:
            if choice.delta.content:
                pieces.append(choice.delta.content)
    assert "".join(pieces) == "echo: stream this please"
    assert usage is not None and usage.completion_tokens == 4
    trace = traces(gateway, session_id="sdk-stream")[0]
    assert trace["ttft_ms"] is not None
    assert trace["usage"]["completion_tokens"] == 4


def test_embeddings_default_base64(client):
    result = client.embeddings.create(model="mock-model", input=["one", "two"])
    assert len(result.data) == 2
    assert len(result.data[0].embedding) == 8
    raw = client.embeddings.create(model="mock-model", input="one", encoding_format="base64")
    floats = struct.unpack("<8f", base64.b64decode(raw.data[0].embedding))
    assert list(floats) == pytest.approx(result.data[0].embedding, rel=1e-6)


def test_models_list(client):
    assert [m.id for m in client.models.list()] == ["mock-model"]


def test_errors_map_to_sdk_exceptions(client, gateway):
    with pytest.raises(openai.NotFoundError) as not_found:
        client.chat.completions.create(model="nope", messages=[{"role": "user", "content": "x"}])
    assert not_found.value.body["code"] == "model_not_found"
    with pytest.raises(openai.BadRequestError) as bad:
        client.chat.completions.create(model="mock-model", messages=[{"role": "wizard", "content": "x"}])
    assert bad.value.body["param"] == "messages[0].role"
    wrong_key = openai.OpenAI(base_url=gateway["base"] + "/v1", api_key="llmops-wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        wrong_key.models.list()
    assert traces(gateway, model="nope")[0]["http_status"] == 404
