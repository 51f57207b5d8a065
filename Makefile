# Kinerja — two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TERPASANG := $(VENV)/.terpasang

.PHONY: run test install chromium lint bench bersih

$(TERPASANG): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(TERPASANG)

install: $(TERPASANG)

# Serves http://127.0.0.1:8000 in demonstration mode: on first start the SQLite database in
# var/ is created and the Sananwetan sample with its demo accounts is loaded.
run: install
	KINERJA_DEMO=1 $(BIN)/kinerja serve

# The real-browser test drives Debian's Chromium (/usr/bin/chromium).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  elif command -v sudo >/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Pasang Chromium lebih dulu: apt-get install chromium"; exit 1; \
	  fi; \
	fi

test: install chromium
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: install
	$(BIN)/python bench/renstra.py
	$(BIN)/python bench/monev.py
	$(BIN)/python bench/skm.py
	$(BIN)/python bench/rtkeren.py
	$(BIN)/python bench/portal.py
	$(BIN)/python bench/kota.py

bersih:
	rm -rf $(VENV) var build src/*.egg-info
