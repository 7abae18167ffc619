#!/usr/bin/env bash
# By-hand comparison of the in-process models with their references (not run by CI).
# Usage: make bench-local   (LOCAL_MODELS_DIR and BENCH_VENV may be overridden)
set -euo pipefail
cd "$(dirname "$0")/../.."
models="${LOCAL_MODELS_DIR:-$PWD/models}"
venv="${BENCH_VENV:-$PWD/bench/out/venv}"
mkdir -p bench/out

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  # llama-cpp-python compiles llama.cpp (about 15 minutes on 2 cores); torch comes from PyPI.
  CMAKE_ARGS="-DGGML_NATIVE=ON" "$venv/bin/pip" install sentence-transformers llama-cpp-python
fi

swift build -c release --package-path bench/local --product LocalBench
# The kernels get the 2 threads the references get (OpenBLAS runs single-threaded inside them).
LOCAL_BENCH_THREADS=2 LOCAL_MODELS_DIR="$models" bench/local/.build/release/LocalBench bench/local/sentences.txt \
  > bench/out/local-swift.json
LOCAL_MODELS_DIR="$models" "$venv/bin/python" bench/local/reference_bench.py bench/local/sentences.txt \
  > bench/out/local-reference.json
python3 bench/local/compare.py bench/out/local-swift.json bench/out/local-reference.json
