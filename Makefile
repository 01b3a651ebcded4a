# nnkit — the two commands from the README are `make grade` and `make test`.
# Everything else here is a shortcut; every target creates the environment when needed.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
HW     ?=
SUBMISSIONS ?=
OUT    ?= out
FILE   ?=
JOBS   ?=
JOBS_FLAG := $(if $(JOBS),--jobs $(JOBS),)

.PHONY: help setup grade check validate test test-fast test-exercise hints lint data clean autograder dist reproduce bench serve bench-serve

help:
	@echo "make grade                      grade the bundled sample class (all exercises) into out/"
	@echo "make grade HW=loss_functions SUBMISSIONS=dir OUT=dir   grade a folder"
	@echo "make check HW=loss_functions [FILE=path]               public self-check"
	@echo "make validate                   reference = full, stub = zero, mistakes as declared"
	@echo "make reproduce                  the lectures' numbers beside the reference's"
	@echo "make autograder                 otter-grader / Gradescope zips in dist/autograder/"
	@echo "make dist [HW=\"id id\"]          student bundle in dist/ (all exercises, or just these)"
	@echo "make bench                      speed figures: nnkit vs the bare-Python floor vs otter"
	@echo "make test                       the kit's whole test suite (what CI runs)"
	@echo "make test-fast                  the development tier: no otter, no slow batches"
	@echo "make test-exercise HW=id [TASK=3.2]  the tests of one exercise (or of one of its tasks)"
	@echo "make hints                      how often each hint fires rightly, wrongly, or is missed"
	@echo "make serve                      submission server + one grader on 127.0.0.1:8000 (state in var/)"
	@echo "make bench-serve                load benchmark of serve: 200 students, one worker"

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed

grade: setup
ifeq ($(HW),)
	$(PY) -m autograder demo --out $(OUT) $(JOBS_FLAG)
else
	$(PY) -m autograder grade $(HW) $(SUBMISSIONS) --out $(OUT) $(JOBS_FLAG)
endif

check: setup
	$(PY) -m autograder check $(HW) $(FILE)

validate: setup
	$(PY) -m autograder validate $(JOBS_FLAG)

autograder: setup
	$(PY) -m autograder export-otter --out dist/autograder

bench: setup
	$(PY) scripts/bench.py

dist: setup
	$(PY) -m autograder dist $(HW)

reproduce: setup
	$(PY) -m autograder reproduce

test: setup
	$(PY) -m pytest

# the development tier: no otter runs, no slow batch tests; CI runs `make test`. About 7 minutes on
# two free cores (522 tests; validate and the sample class of each exercise are most of it); 24 min
# measured on two cores shared with other jobs. A cold .cache/nnkit adds the expected outputs.
test-fast: setup
	$(PY) -m pytest -m "not slow and not otter"

# markers from the exercise registry (conftest.py): `-m two_layer_net`, `-m task_3_2`
test-exercise: setup
	$(PY) -m pytest -m "$(if $(TASK),task_$(subst .,_,$(TASK)),$(HW)) and not otter"

serve: setup
	$(PY) -m autograder serve

bench-serve: setup
	$(PY) scripts/bench_serve.py

hints: setup
	$(PY) -m autograder hints

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

data: setup
	$(PY) data/build.py

clean:
	rm -rf $(VENV) out .cache .pytest_cache
