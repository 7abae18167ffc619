# OpsEval: reference fixtures and the BLEU + ROUGE benchmark. Included by the main Makefile.
#
#   make eval-fixtures   regenerate Tests/OpsEvalTests/Fixtures with sacrebleu and rouge-score (by hand)
#   make bench-eval      llmops score vs sacrebleu + rouge-score on 10,000 pairs, same run, with the ratio
#
# The reference tools live in their own virtualenv, pinned to the versions the fixtures were made with.
# Override EVAL_LLMOPS_BIN and EVAL_LLMOPS_BUILD to time a binary built elsewhere (EVAL_LLMOPS_BUILD=: skips the build).

EVAL_VENV    ?= bench/out/eval-venv
EVAL_PY      := $(EVAL_VENV)/bin/python
EVAL_BENCH   ?= bench/out/eval
EVAL_PAIRS   ?= 10000
EVAL_REPEAT  ?= 3
EVAL_LLMOPS_BIN   ?= $(or $(BUILD_DIR),.build)/release/llmops
EVAL_LLMOPS_BUILD ?= $(or $(SWIFT),swift) build -c release --product llmops
EVAL_REFERENCE_TOOLS := 'sacrebleu==2.6.0' 'rouge-score==0.1.2' 'nltk==3.10.4'

.PHONY: eval-fixtures bench-eval

$(EVAL_PY):
	$(or $(PYTHON),python3) -m venv $(EVAL_VENV)
	$(EVAL_PY) -m pip install --quiet $(EVAL_REFERENCE_TOOLS)

eval-fixtures: $(EVAL_PY)
	$(EVAL_PY) scripts/eval-fixtures/generate.py

bench-eval: $(EVAL_PY)
	$(EVAL_LLMOPS_BUILD)
	$(EVAL_PY) scripts/eval-fixtures/bench_data.py $(EVAL_BENCH) $(EVAL_PAIRS)
	$(EVAL_PY) scripts/eval-fixtures/bench_compare.py --llmops $(EVAL_LLMOPS_BIN) --repeat $(EVAL_REPEAT) \
		$(EVAL_BENCH)/hyp.txt $(EVAL_BENCH)/ref.txt
	$(EVAL_PY) scripts/eval-fixtures/bench_compare.py --llmops $(EVAL_LLMOPS_BIN) --repeat $(EVAL_REPEAT) --stemmer \
		$(EVAL_BENCH)/hyp.txt $(EVAL_BENCH)/ref.txt
