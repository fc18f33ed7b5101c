"""Per-file results kept between runs, so a re-run reads only what changed.

An entry is keyed by the file's content (sha256), the path it was given as
(every row carries it as provenance), the reading options and the version
of the code that made it: the package version plus a hash of every source
file of the per-file stages, so editing an extractor invalidates the cache
without anyone bumping a number. Entries are pickles written atomically;
one that cannot be loaded counts as a miss. Entries of other code versions
are removed at the end of a run so the folder does not grow without end.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import acplans

# The per-file stage is process_file (or a long PDF's page chunks):
# reading, extraction and normalisation, and the schema rows it fills.
# Cross-document stages run whenever any input changed (acplans.run_record).
_STAGE_PACKAGES = ("extract", "normalize", "schemas")
_STAGE_MODULES = ("pipeline.py", "chunks.py")


@cache
def code_version() -> str:
    root = Path(acplans.__file__).parent
    sources = [root / m for m in _STAGE_MODULES] + [s for name in _STAGE_PACKAGES for s in package_sources(name)]
    return f"{acplans.__version__}-{hash_sources(sources)[:16]}"


def package_sources(name: str) -> list[Path]:
    """Every source file of ``acplans.<name>``, found without running the
    package's __init__, which may load a whole stage."""
    folder = Path(importlib.util.find_spec(f"acplans.{name}").submodule_search_locations[0])
    return sorted(folder.rglob("*.py"))


def hash_sources(sources: list[Path]) -> str:
    """A hash of the package version and the files' names and bytes: any
    edit to one of them makes a new one."""
    digest = hashlib.sha256(acplans.__version__.encode())
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


class ResultCache:
    """Results under ``root/<code version>/``."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.folder = self.root / code_version()

    def _entry(self, sha256: str, path: Path, options: Any) -> Path:
        key = hashlib.sha256(f"{sha256}\0{path}\0{options!r}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, sha256: str, path: Path, options: Any) -> Any | None:
        try:
            with self._entry(sha256, path, options).open("rb") as fh:
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # a truncated or foreign entry is a miss, and is overwritten
            return None

    def put(self, sha256: str, path: Path, options: Any, value: Any) -> None:
        entry = self._entry(sha256, path, options)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        except OSError:
            return  # a cache that cannot be written costs speed next time, not this run
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except OSError:
            Path(tmp).unlink(missing_ok=True)

    def prune(self) -> None:
        """Drop entries of other code versions."""
        if not self.root.is_dir():
            return
        for other in self.root.iterdir():
            if other.is_dir() and other != self.folder:
                shutil.rmtree(other, ignore_errors=True)
