"""Prints the Swift and reference figures side by side, with the ratio the issue asks about."""
import json
import sys

swift, ref = (json.load(open(p)) for p in sys.argv[1:3])
rows = [
    ("embeddings/s, batch 32", "embeddings_per_second_batch32", True),
    ("single-sentence p50 (ms)", "embedding_single_p50_ms", False),
    ("prompt tokens/s", "prompt_tokens_per_second", True),
    ("generated tokens/s", "generated_tokens_per_second", True),
    ("RSS, both models (MB)", "rss_mb_both_models", False),
]
print(f"{'metric':28} {'swift':>10} {'reference':>10} {'swift/ref':>10}")
for label, key, higher_is_better in rows:
    s, r = swift[key], ref[key]
    ratio = s / r if higher_is_better else r / s
    print(f"{label:28} {s:10.1f} {r:10.1f} {ratio:9.2f}x")
print("(ratio > 1 means the Swift implementation is better; RSS reference is torch + llama.cpp together)")
