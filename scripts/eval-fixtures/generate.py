"""Writes the OpsEval reference fixtures with the reference tools themselves.

    pip install 'sacrebleu>=2,<3' rouge-score
    python3 scripts/eval-fixtures/generate.py            # or: make eval-fixtures

Outputs (Tests/OpsEvalTests/Fixtures/):
  cases.json    the hypothesis/reference cases (see cases.py)
  sacrebleu.json  sentence BLEU (exp/floor/add-k/none, and lowercased), sentence chrF, chrF++ and
                  chrF with whitespace / epsilon smoothing / lowercase per case,
                  corpus BLEU/chrF/chrF++ over the whole set and over chunks of 25 cases
  rouge.json    rouge-score score_multi for rouge1/2/L/Lsum per case, stemmer off and on
  porter.json   nltk's PorterStemmer (the one rouge-score uses) on a word list
"""
import json
import os
import sys

import sacrebleu
from nltk.stem import porter
from rouge_score import rouge_scorer
from sacrebleu.metrics import BLEU, CHRF

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import all_cases, stem_words  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "OpsEvalTests", "Fixtures")
CHUNK = 25


def bleu_stats(score):
    return {"score": score.score, "counts": list(score.counts), "totals": list(score.totals),
            "sys_len": score.sys_len, "ref_len": score.ref_len, "bp": score.bp}


def ref_streams(cases):
    width = max(len(c["refs"]) for c in cases)
    return [[c["refs"][i] if i < len(c["refs"]) else None for c in cases] for i in range(width)]


def corpus_entry(cases, start, end):
    hyps = [c["hyp"] for c in cases[start:end]]
    streams = ref_streams(cases[start:end])
    return {
        "start": start, "end": end,
        "bleu": bleu_stats(BLEU().corpus_score(hyps, streams)),
        "chrf": CHRF().corpus_score(hyps, streams).score,
        "chrfpp": CHRF(word_order=2).corpus_score(hyps, streams).score,
    }


def sacrebleu_fixture(cases):
    sentence_bleu = {m: BLEU(effective_order=True, smooth_method=m) for m in ["exp", "floor", "add-k", "none"]}
    variants = {
        "chrf": CHRF(), "chrfpp": CHRF(word_order=2), "chrf_whitespace": CHRF(whitespace=True),
        "chrf_eps": CHRF(eps_smoothing=True), "chrf_lc": CHRF(lowercase=True),
    }
    bleu_lc = BLEU(effective_order=True, lowercase=True)
    per_case = []
    for c in cases:
        entry = {m: bleu_stats(metric.sentence_score(c["hyp"], c["refs"])) for m, metric in sentence_bleu.items()}
        entry["bleu_lc"] = bleu_lc.sentence_score(c["hyp"], c["refs"]).score
        for name, metric in variants.items():
            entry[name] = metric.sentence_score(c["hyp"], c["refs"]).score
        per_case.append(entry)
    corpora = [corpus_entry(cases, 0, len(cases))]
    corpora += [corpus_entry(cases, s, min(s + CHUNK, len(cases))) for s in range(0, len(cases), CHUNK)]
    return {"sacrebleu_version": sacrebleu.__version__, "sentence": per_case, "corpus": corpora}


def rouge_fixture(cases):
    types = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
    out = {}
    for stem in [False, True]:
        scorer = rouge_scorer.RougeScorer(types, use_stemmer=stem)
        rows = []
        for c in cases:
            best = scorer.score_multi(c["refs"], c["hyp"])
            rows.append({t: [best[t].precision, best[t].recall, best[t].fmeasure] for t in types})
        out["stemmed" if stem else "plain"] = rows
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = all_cases()
    fixtures = {
        "cases.json": {"cases": cases},
        "sacrebleu.json": sacrebleu_fixture(cases),
        "rouge.json": rouge_fixture(cases),
        "porter.json": {"pairs": [[w, porter.PorterStemmer().stem(w)] for w in stem_words()]},
    }
    for name, data in fixtures.items():
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=0, sort_keys=True)
            f.write("\n")
        print(f"wrote {name}")
    print(f"{len(cases)} cases, sacrebleu {sacrebleu.__version__}")


if __name__ == "__main__":
    main()
