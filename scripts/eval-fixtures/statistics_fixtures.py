#!/usr/bin/env python3
"""Reference values for OpsEval's paired statistics (PairedComparison, WilcoxonSignedRankTest, SignTest).

Writes Tests/OpsEvalTests/Fixtures/statistics.json. Each case is two runs' per-item scores on the
same items; the differences are candidate - baseline. Reference tools:

- scipy.stats.wilcoxon(candidate, baseline, zero_method="wilcox", correction=True, alternative="two-sided")
  with method="exact" when, after dropping zero differences, n <= 25 and no |difference| is tied,
  and method="asymptotic" otherwise (OpsEval's rule; scipy's "auto" would switch to a permutation
  test for small samples with ties, which is not what OpsEval computes).
- scipy.stats.binomtest(wins, wins + losses, 0.5).pvalue for the sign test.

Run: python3 scripts/eval-fixtures/statistics_fixtures.py   (needs numpy and scipy)
"""
import json
import os

import numpy as np
import scipy
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "OpsEvalTests", "Fixtures", "statistics.json")


def method_for(d):
    nonzero = d[d != 0]
    absolute = np.abs(nonzero)
    tied = len(np.unique(absolute)) != len(absolute)
    return "exact" if len(nonzero) <= 25 and not tied else "approx"


def case(name, baseline, candidate):
    baseline = [float(x) for x in baseline]
    candidate = [float(x) for x in candidate]
    b, c = np.array(baseline), np.array(candidate)
    d = c - b
    method = method_for(d)
    res = stats.wilcoxon(c, b, zero_method="wilcox", correction=True, alternative="two-sided",
                         method="exact" if method == "exact" else "asymptotic")
    wins, losses = int(np.sum(d > 0)), int(np.sum(d < 0))
    sign_p = stats.binomtest(wins, wins + losses, 0.5).pvalue if wins + losses > 0 else 1.0
    return {
        "name": name,
        "baseline": baseline,
        "candidate": candidate,
        "mean_baseline": float(np.mean(b)),
        "mean_candidate": float(np.mean(c)),
        "mean_difference": float(np.mean(d)),
        "wins": wins,
        "losses": losses,
        "ties": int(np.sum(d == 0)),
        "wilcoxon": {"method": method, "statistic": float(res.statistic), "pvalue": float(res.pvalue)},
        "sign_test": {"pvalue": float(sign_p)},
    }


def main():
    rng = np.random.default_rng(20261125)
    cases = []
    for n in [1, 2, 3, 4, 5, 6, 8, 10, 13, 17, 20, 24, 25]:
        b = np.round(rng.uniform(0, 1, n), 6)
        c = np.round(b + rng.normal(0.05, 0.2, n), 6)
        cases.append(case(f"continuous n={n}", b, c))
    for n in [26, 30, 50, 100, 300]:
        b = np.round(rng.uniform(0, 100, n), 4)
        c = np.round(b + rng.normal(-1.0, 5, n), 4)
        cases.append(case(f"bleu-like n={n}", b, c))
    for n in [10, 20, 40, 200]:
        b = rng.integers(0, 2, n)
        c = np.where(rng.uniform(0, 1, n) < 0.3, 1 - b, b)
        cases.append(case(f"pass/fail n={n}", b, c))
    for n in [12, 25, 60]:
        b = rng.integers(1, 6, n)
        c = np.clip(b + rng.integers(-2, 3, n), 1, 5)
        cases.append(case(f"likert 1-5 n={n}", b, c))
    # Zeros dropped, the rest untied: still exact.
    b = np.array([0.5, 0.2, 0.9, 0.4, 0.3, 0.8, 0.6, 0.1, 0.7])
    c = np.array([0.5, 0.25, 0.9, 0.47, 0.18, 0.8, 0.99, 0.11, 0.0])
    cases.append(case("zeros dropped, exact", b, c))
    # Every item better: the smallest exact p-values.
    cases.append(case("all wins n=12", np.zeros(12), np.arange(1, 13) / 10))
    cases.append(case("all wins n=40", np.zeros(40), np.arange(1, 41) / 10))
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/eval-fixtures/statistics_fixtures.py", "scipy": scipy.__version__,
                   "numpy": np.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
