"""Writes the benchmark corpus: 10,000 single-line hypothesis/reference pairs (see cases.bench_pairs).

    python3 scripts/eval-fixtures/bench_data.py OUT_DIR [COUNT]   ->  OUT_DIR/hyp.txt, OUT_DIR/ref.txt
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import bench_pairs  # noqa: E402


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    os.makedirs(out, exist_ok=True)
    pairs = bench_pairs(count)
    with open(os.path.join(out, "hyp.txt"), "w", encoding="utf-8", newline="\n") as h, \
            open(os.path.join(out, "ref.txt"), "w", encoding="utf-8", newline="\n") as r:
        for hyp, ref in pairs:
            h.write(hyp + "\n")
            r.write(ref + "\n")
    print(f"wrote {count} pairs to {out}")


if __name__ == "__main__":
    main()
