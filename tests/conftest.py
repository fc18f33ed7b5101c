"""Session-wide test data: every sample read once, its extractions, the gold
answers, and pipeline runs over the samples; and the `--update-snapshots` flag.

Reading the samples is most of the suite's time (the 60-page pack alone takes
seconds), so every module shares one ``Document`` per sample file. Nothing
downstream of the reader changes a ``Document`` (the snapshot tests would
catch it: they compare the shared documents with the committed model); a test
that wants to change one takes a ``copy.deepcopy`` first.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings

from acplans import pipeline
from acplans.extract.dispatch import extract_document
from acplans.extract.model import Document
from acplans.extract.formats import DEFAULT_OPTIONS, ReadOptions
from acplans.extract.reader import read_document
from acplans.extract.records import Extraction

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx"))
GOLD_DIR = SAMPLES / "gold"


# Up to eight engineers share two cores: a per-example wall-clock deadline
# would fail properties for the machine's load, not for the code.
settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")


def pytest_addoption(parser):
    parser.addoption("--update-snapshots", action="store_true", default=False,
                     help="Rewrite tests/snapshots/ from the current document models instead of "
                          "comparing with them (also: ACPLANS_UPDATE_SNAPSHOTS=1).")


def read_once(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """``read_document`` memoised by resolved path and options: a file that
    does not change during the session reads to the same model every time."""
    return _read_resolved(Path(path).resolve(), options)


@cache
def _read_resolved(path: Path, options: ReadOptions) -> Document:
    return read_document(path, options)


class Memo(dict):
    """A dict that computes a key's value on first use, so a targeted run
    pays only for the samples it touches."""

    def __init__(self, compute):
        super().__init__()
        self._compute = compute

    def __missing__(self, key):
        value = self[key] = self._compute(key)
        return value


@pytest.fixture(scope="session")
def sample_docs() -> Mapping[str, Document]:
    """File name (e.g. ``home-group-action-plan-2010.pdf``) -> its Document."""
    return Memo(lambda name: read_once(SAMPLES / name))


@pytest.fixture(scope="session")
def sample_extractions(sample_docs) -> Mapping[str, list[Extraction]]:
    """File name -> ``extract_document`` of its Document, one per part."""
    return Memo(lambda name: extract_document(sample_docs[name]))


def _load_gold(name: str) -> dict:
    path = GOLD_DIR / name
    if not path.exists():
        pytest.fail(f"gold file {path} is missing: write it by hand from the documents")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gold() -> Mapping[str, dict]:
    """Gold file name (e.g. ``home-group-2010.json``) -> its answer. A gold
    file that is missing fails the test: gold is written by hand, never by a test."""
    return Memo(_load_gold)


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    """``sample_run(names)``: ``acplans.pipeline.run`` over those sample files
    (all of samples/ when none are named) into a fresh folder, once per set of
    names. The run reads through ``read_once``, so the pack is not re-read."""
    @cache
    def run(names: tuple[str, ...] = ()):
        out = tmp_path_factory.mktemp("run-" + ("-".join(n.split(".")[0] for n in names) or "samples"))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(pipeline, "read_document", read_once)
            return pipeline.run([SAMPLES / n for n in names] or [SAMPLES], out)

    return lambda names=(): run(tuple(names))
