"""A tiny OpenAI-shaped upstream for the console's browser test, used when the Swift
`llmops-mock-upstream` is not built: answers /v1/chat/completions at once, echoing the last
user message, with usage. Usage: python3 mock_upstream.py PORT"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if not self.path.endswith("/chat/completions"):
            return self.answer(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
        last = next((m.get("content") for m in reversed(body.get("messages", [])) if m.get("role") == "user"), "")
        text = f"Echo: {last}"
        self.answer(200, {
            "id": "chatcmpl-mock", "object": "chat.completion", "created": int(time.time()), "model": body.get("model", "mock"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 5 + len(str(last).split()), "completion_tokens": 2 + len(text.split()),
                      "total_tokens": 7 + len(str(last).split()) + len(text.split())},
        })

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
