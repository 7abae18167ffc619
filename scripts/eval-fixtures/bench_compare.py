"""BLEU + ROUGE over the benchmark corpus: `llmops score` against sacrebleu + rouge-score, same run.

    python3 scripts/eval-fixtures/bench_compare.py --llmops .build/release/llmops HYP REF [--stemmer] [--repeat 3]

Reference side (in this process, clock started after the imports, so interpreter start-up is not
counted against it; file reading is counted): sacrebleu corpus BLEU plus sentence BLEU for every
line, and rouge-score rouge1/rouge2/rougeL/rougeLsum for every line.
Swift side: the whole `llmops score --metric bleu --metric rouge1 … --hyp HYP --ref REF` process,
start-up, file reading and JSON output included.
Both must agree (corpus BLEU, mean sentence BLEU and mean ROUGE F to 1e-9) or the script fails.
Prints the best of --repeat runs for each side, wall and CPU seconds, and the ratios.
"""
import argparse
import json
import resource
import subprocess
import sys
import time

from rouge_score import rouge_scorer
from sacrebleu.metrics import BLEU

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


def reference(hyp_path, ref_path, stemmer):
    wall, cpu = time.perf_counter(), time.process_time()
    with open(hyp_path, encoding="utf-8", newline="\n") as f:
        hyps = [line.rstrip("\n") for line in f]
    with open(ref_path, encoding="utf-8", newline="\n") as f:
        refs = [line.rstrip("\n") for line in f]
    corpus = BLEU().corpus_score(hyps, [refs]).score
    sentence_bleu = BLEU(effective_order=True)
    sentences = [sentence_bleu.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
    scorer = rouge_scorer.RougeScorer(TYPES, use_stemmer=stemmer)
    rouge = [scorer.score(r, h) for h, r in zip(hyps, refs)]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    scores = {"bleu": corpus, "sentence_bleu_mean": sum(sentences) / len(sentences)}
    scores.update({t: sum(s[t].fmeasure for s in rouge) / len(rouge) for t in TYPES})
    return wall, cpu, scores, len(hyps)


def swift(binary, hyp_path, ref_path, stemmer):
    cmd = [binary, "score", "--hyp", hyp_path, "--ref", ref_path]
    for m in ["bleu"] + TYPES:
        cmd += ["--metric", m]
    if stemmer:
        cmd.append("--stemmer")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True).stdout
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    metrics = {m["metric"]: m for m in json.loads(out)["metrics"]}
    lines = metrics["bleu"]["lines"]
    scores = {"bleu": metrics["bleu"]["score"], "sentence_bleu_mean": sum(l["score"] for l in lines) / len(lines)}
    scores.update({t: metrics[t]["score"] for t in TYPES})
    return wall, cpu, scores


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--llmops", required=True)
    p.add_argument("--stemmer", action="store_true")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("hyp")
    p.add_argument("ref")
    a = p.parse_args()
    ref_runs = [reference(a.hyp, a.ref, a.stemmer) for _ in range(a.repeat)]
    swift_runs = [swift(a.llmops, a.hyp, a.ref, a.stemmer) for _ in range(a.repeat)]
    pairs = ref_runs[0][3]
    ref_scores, swift_scores = ref_runs[0][2], swift_runs[0][2]
    for key, value in ref_scores.items():
        if abs(value - swift_scores[key]) > 1e-9:
            sys.exit(f"disagreement on {key}: reference {value}, llmops {swift_scores[key]}")
    ref_wall, ref_cpu = min(r[0] for r in ref_runs), min(r[1] for r in ref_runs)
    sw_wall, sw_cpu = min(r[0] for r in swift_runs), min(r[1] for r in swift_runs)
    print(f"BLEU (corpus + every sentence) + ROUGE-1/2/L/Lsum, {pairs} pairs, stemmer {'on' if a.stemmer else 'off'}, "
          f"best of {a.repeat}")
    print(f"  sacrebleu + rouge-score : {ref_wall:7.3f} s wall  {ref_cpu:7.3f} s CPU")
    print(f"  llmops score            : {sw_wall:7.3f} s wall  {sw_cpu:7.3f} s CPU")
    print(f"  speed-up                : {ref_wall / sw_wall:7.1f}x wall  {ref_cpu / sw_cpu:7.1f}x CPU  (target >= 5x)")
    print(f"  scores agree: corpus BLEU {ref_scores['bleu']:.6f}, mean ROUGE-L F {ref_scores['rougeL']:.6f}")


if __name__ == "__main__":
    main()
