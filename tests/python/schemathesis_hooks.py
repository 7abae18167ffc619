"""Loaded by schemathesis (SCHEMATHESIS_HOOKS): dataset imports take JSONL and CSV files as text."""
import json

import schemathesis


@schemathesis.serializer("application/jsonl", "text/csv")
def text_body(ctx, value):
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    return json.dumps(value).encode()
