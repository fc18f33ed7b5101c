# Two entry points for a fresh machine with only Python 3.11+:
#   make demo   - set up .venv and run the main job on samples/ into output/
#   make test   - set up .venv and run the test suite
#   make eval   - score the pipeline on generated documents (needs ../shared/eval/score.py)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test setup bench eval fuzz clean

$(BIN)/acplans: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/acplans

demo: setup
	$(BIN)/acplans run samples/ --out output/
	$(BIN)/acplans report output/ --html output/report.html

# Extra pytest options, e.g. make test PYTEST_ARGS="--durations=20"
PYTEST_ARGS ?=

test: setup
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# A few minutes of mutated samples (tests/test_fuzz.py), freshly random each run.
FUZZ_EXAMPLES ?= 200

fuzz: setup
	ACPLANS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py


# CPU-time ratios on the samples and a 520-page file built from them;
# BENCH_ARGS="--engine pdfplumber" measures the old engine.
bench: setup
	$(BIN)/python tests/benchmark.py $(BENCH_ARGS)
	$(BIN)/python tests/bench_batch.py

# The generator's variants (tests/docgen) through the pipeline, scored with
# ../shared/eval/score.py: mean, per format, and the worst cases.
EVAL_ARGS ?= --n 300
eval: setup
	cd tests && ../$(BIN)/python -m docgen $(EVAL_ARGS)

clean:
	rm -rf $(VENV) output/*.parquet output/report.html
