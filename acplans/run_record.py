"""What a run reported, kept in its output set's manifest, so a re-run over
unchanged inputs can report it again without redoing anything.

A run's inputs key hashes every input's path and bytes, the reading
options and the whole code of acplans (the per-file cache key covers only
the per-file stages; this one covers the comparator too). The output set in
force was made from exactly these inputs by exactly this code when its
manifest holds the same key, so running again would write the same tables:
the run reports the set's record and ends. A run with a file that failed for
want of time or memory, or whose comparison failed, records no key: the next
run tries again. ``acplans run --no-cache`` redoes everything.

Standard library only: the check runs before any reader or table library
is loaded, which is what makes an unchanged re-run take a fraction of a second.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from acplans.cache import hash_sources, package_sources
from acplans.schemas.manifest import read_manifest

if TYPE_CHECKING:
    from acplans.extract.formats import ReadOptions
    from acplans.pipeline import RunResult

# The packages whose code decides a run's tables, beside acplans' own modules.
_CODE_PACKAGES = ("extract", "normalize", "schemas", "compare")


@dataclass
class Review:
    """A document that needs review, by the first of its reasons."""

    path: str
    status: str
    reason: str
    more: int  # further reasons not shown


@dataclass
class RunRecord:
    """The counts and names a run's summary and exit code come from."""

    files: int
    from_cache: int
    failed: list[tuple[str, str]]  # path, reason
    recommendations: int
    responses: int
    actions: int
    finding_severities: list[str]  # one per finding
    needs_review: list[Review] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # failures of the cross-document stage
    inputs_key: str | None = None
    # Set on a re-run that found its inputs unchanged: this is the earlier run's record.
    unchanged: bool = False

    @classmethod
    def of(cls, outcome: RunResult, inputs_key: str | None) -> RunRecord:
        t = outcome.tables
        transient = any(f.transient for f in outcome.files)
        return cls(
            files=len(outcome.files), from_cache=sum(1 for f in outcome.files if f.from_cache),
            failed=[(str(f.path), f.error or "unreadable") for f in outcome.failed],
            recommendations=len(t.recommendations), responses=len(t.responses), actions=len(t.actions),
            finding_severities=[f.severity for f in t.findings],
            needs_review=[Review(d.source_path, d.status, d.review_reasons[0], len(d.review_reasons) - 1)
                          for d in t.documents if d.needs_review and d.status != "error" and d.review_reasons],
            errors=list(outcome.errors),
            inputs_key=None if transient or outcome.errors else inputs_key)

    def to_json(self) -> dict:
        record = asdict(self)
        del record["unchanged"]
        return record

    @classmethod
    def from_json(cls, data: dict) -> RunRecord:
        return cls(**{**data, "failed": [tuple(f) for f in data["failed"]],
                      "needs_review": [Review(**r) for r in data["needs_review"]]})


def hash_inputs(files: list[Path]) -> list[str | None]:
    """Each file's sha256; None for one that cannot be read (it will be an error row)."""
    from acplans.extract.reader import file_sha256

    shas: list[str | None] = []
    for path in files:
        try:
            shas.append(file_sha256(path))
        except OSError:
            shas.append(None)
    return shas


def inputs_key(files: list[Path], shas: list[str], options: ReadOptions) -> str:
    digest = hashlib.sha256(json.dumps([code_hash(), repr(options)]).encode())
    for path, sha in zip(files, shas, strict=True):
        digest.update(json.dumps([str(path), sha]).encode())
    return digest.hexdigest()


def unchanged_record(out_dir: Path, key: str) -> RunRecord | None:
    """The record of the output set in force when it was made from the
    inputs ``key`` names, and every table it lists is there."""
    manifest = read_manifest(out_dir)
    record = manifest.get("record") if manifest else None
    if not isinstance(record, dict) or record.get("inputs_key") != key:
        return None
    try:
        found = RunRecord.from_json(record)
    except (TypeError, KeyError):
        return None  # written by another version of this record
    found.unchanged = True
    return found


@cache
def code_hash() -> str:
    """A hash of every source file of acplans: any edit makes a new key."""
    import acplans

    top_level = sorted(Path(acplans.__file__).parent.glob("*.py"))
    return hash_sources(top_level + [s for name in _CODE_PACKAGES for s in package_sources(name)])
