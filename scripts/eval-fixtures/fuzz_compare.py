"""Randomized cross-check of `llmops score` against sacrebleu and rouge-score, line by line.

    python3 scripts/eval-fixtures/fuzz_compare.py --llmops .build/release/llmops [--seed 1] [--pairs 3000]

Builds pairs from words, ASCII symbols, HTML entities, special-case letters, Unicode whitespace and
emoji (each reference, and a hypothesis made by dropping, replacing and upper-casing its words),
scores them with sentence BLEU, chrF, chrF++ and stemmed ROUGE-1/2/L on both sides and reports
every line that differs by more than 1e-6. Exits non-zero on any difference. Not part of the test
suite (it needs Python); the committed fixtures are the regression check.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

from rouge_score import rouge_scorer
from sacrebleu.metrics import BLEU, CHRF

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import PUNCT_SNIPPETS, UNICODE_SNIPPETS, WORDS  # noqa: E402

PIECES = list("abcXYZ019.,-;:!?'\"&<>()[]{}/\\@#$%^*_+=~`|") + [
    "&amp;", "&quot;", "&lt;", "<skipped>", "İ", "\u212a", "é", "e\u0301", "ß", "日", "😀", "\u00a0",
    "\u3000", "\t", "\u200b", "\x1c", "\u0085", "\r", "  ", " - ", "1,000", "3.5"]
# Line separators other than \n stay out: they are fine for the metrics but not in a line file.
SAFE_UNICODE = [u.replace("\u2028", " ").replace("\x85", " ").replace("\x1c", " ") for u in UNICODE_SNIPPETS]


def text(rng):
    parts = []
    for _ in range(rng.randrange(0, 30)):
        r = rng.random()
        if r < 0.5:
            parts.append(rng.choice(WORDS))
        elif r < 0.7:
            parts.append(rng.choice(PIECES))
        elif r < 0.85:
            parts.append(rng.choice(PUNCT_SNIPPETS).replace("\n", " "))
        else:
            parts.append(rng.choice(SAFE_UNICODE))
    return rng.choice([" ", " ", ""]).join(parts).rstrip("\r")


def mutate(rng, ref):
    out = []
    for w in ref.split(" "):
        r = rng.random()
        if r < 0.1:
            continue
        out.append(rng.choice(PIECES) if r < 0.2 else (w.upper() if r < 0.25 else w))
    return " ".join(out).rstrip("\r")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--llmops", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--pairs", type=int, default=3000)
    a = p.parse_args()
    rng = random.Random(a.seed)
    refs = [text(rng) for _ in range(a.pairs)]
    pairs = [(mutate(rng, r) if i % 2 else text(rng), r) for i, r in enumerate(refs)]
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(tmp, n) for n in ("hyp.txt", "ref.txt")]
        for path, column in zip(paths, (0, 1)):
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write("".join(p[column] + "\n" for p in pairs))
        metrics = ["bleu", "chrf", "chrf++", "rouge1", "rouge2", "rougeL"]
        cmd = [a.llmops, "score", "--hyp", paths[0], "--ref", paths[1], "--stemmer"]
        for m in metrics:
            cmd += ["--metric", m]
        got = {m["metric"]: m for m in json.loads(subprocess.run(cmd, check=True, capture_output=True).stdout)["metrics"]}
    bleu, chrf, chrfpp = BLEU(effective_order=True), CHRF(), CHRF(word_order=2)
    rouge = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    differences = 0
    for i, (h, r) in enumerate(pairs):
        expected = {"bleu": bleu.sentence_score(h, [r]).score, "chrf": chrf.sentence_score(h, [r]).score,
                    "chrf++": chrfpp.sentence_score(h, [r]).score}
        expected.update({k: v.fmeasure for k, v in rouge.score(r, h).items()})
        for metric, value in expected.items():
            mine = got[metric]["lines"][i]["score"]
            if abs(mine - value) > 1e-6:
                differences += 1
                print(f"{metric} line {i}: llmops {mine}, reference {value}: hyp={h!r} ref={r!r}")
    hyps, streams = [h for h, _ in pairs], [[r for _, r in pairs]]
    for metric, value in (("bleu", BLEU().corpus_score(hyps, streams).score), ("chrf", CHRF().corpus_score(hyps, streams).score)):
        if abs(got[metric]["score"] - value) > 1e-6:
            differences += 1
            print(f"corpus {metric}: llmops {got[metric]['score']}, reference {value}")
    print(f"seed {a.seed}: {a.pairs} pairs x {len(metrics)} metrics, {differences} differences")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
