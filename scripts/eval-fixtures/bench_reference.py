"""Times the reference tools on the benchmark corpus: sacrebleu (corpus BLEU plus sentence BLEU for
every line) and rouge-score (rouge1, rouge2, rougeL, rougeLsum for every line).

    python3 scripts/eval-fixtures/bench_reference.py HYP REF [--stemmer]

Prints one JSON line: seconds for each part and in total, and the corpus scores, so the Swift run
can be checked for agreement. The clock starts after the imports (interpreter start-up is not
counted against the reference tools) and includes reading the two files.
"""
import json
import sys
import time

from rouge_score import rouge_scorer
from sacrebleu.metrics import BLEU


def main():
    hyp_path, ref_path = sys.argv[1], sys.argv[2]
    stemmer = "--stemmer" in sys.argv
    start = time.perf_counter()
    with open(hyp_path, encoding="utf-8", newline="\n") as f:
        hyps = [line.rstrip("\n") for line in f]
    with open(ref_path, encoding="utf-8", newline="\n") as f:
        refs = [line.rstrip("\n") for line in f]
    corpus = BLEU().corpus_score(hyps, [refs])
    sentence_bleu = BLEU(effective_order=True)
    sentences = [sentence_bleu.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
    bleu_done = time.perf_counter()
    types = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
    scorer = rouge_scorer.RougeScorer(types, use_stemmer=stemmer)
    rouge = [scorer.score(r, h) for h, r in zip(hyps, refs)]
    done = time.perf_counter()
    means = {t: sum(s[t].fmeasure for s in rouge) / len(rouge) for t in types}
    print(json.dumps({
        "pairs": len(hyps), "stemmer": stemmer,
        "bleu_seconds": bleu_done - start, "rouge_seconds": done - bleu_done, "total_seconds": done - start,
        "corpus_bleu": corpus.score, "mean_sentence_bleu": sum(sentences) / len(sentences), "rouge_f_means": means,
    }))


if __name__ == "__main__":
    main()
