"""`acplans run` as a library: files -> documents -> extractions -> rows ->
comparison -> Parquet tables.

Data flows one way and each stage is a plain function: ``collect_inputs``,
``process_file`` (read, split, extract, normalise one file), ``assemble``
(people, plan-only recommendations, comparison) and ``write_tables``.
A file that cannot be read becomes a ``documents`` row with status
``error`` and the batch goes on.
"""
from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from acplans.compare import compare_all
from acplans.compare.checks import CountClaimInput
from acplans.compare.pairing import group_inspections
from acplans.extract.dispatch import extract_document
from acplans.extract.model import UnreadableDocument
from acplans.extract.reader import file_sha256, read_document
from acplans.extract.records import DocKind, Extraction
from acplans.normalize.build import (
    NormalisedDocument, build_people, derive_recommendations_from_plan, make_doc_id, normalise_extraction,
)
from acplans.normalize.dates import find_dates
from acplans.schemas.rows import DocumentRow

log = logging.getLogger(__name__)

# Files a folder walk picks up; a file named on the command line is read
# whatever its name, because formats are told apart by content.
DOCUMENT_SUFFIXES = {".pdf", ".docx", ".txt", ".md"}


@dataclass
class FileResult:
    path: Path
    status: str  # "ok" | "error"
    error: str | None = None
    extractions: list[Extraction] = field(default_factory=list)
    documents: list[NormalisedDocument] = field(default_factory=list)


@dataclass
class RunResult:
    files: list[FileResult]
    tables: dict[str, list]
    written: dict[str, Path] = field(default_factory=dict)
    # Failures of the cross-document stage: the extracted tables are still
    # written, without findings, so a comparator bug loses no extraction.
    errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "error"]


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and document files found in folders (recursively,
    hidden files skipped), in a stable order without duplicates."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p.resolve(), None)
    return [Path(p) for p in unique]


def process_file(path: Path, pdf_engine: str | None = None) -> FileResult:
    try:
        doc = read_document(path, pdf_engine)
    except UnreadableDocument as exc:
        return FileResult(path, "error", exc.reason)
    try:
        extractions = extract_document(doc)
        unreadable = [p.number for p in doc.pages if p.text_layer == "unreadable"]
        documents = [normalise_extraction(ex, unreadable_pages=unreadable) for ex in extractions]
    except Exception as exc:  # a bug must not sink the batch; it is reported as one
        log.debug("extraction failed for %s\n%s", path, traceback.format_exc())
        return FileResult(path, "error", f"internal error while extracting ({type(exc).__name__}: {exc}); "
                                         "please report it with this file")
    return FileResult(path, "ok", None, extractions, documents)


def error_row(result: FileResult) -> DocumentRow:
    try:
        sha = file_sha256(result.path)
    except OSError:
        sha = "0" * 64
    return DocumentRow(doc_id=make_doc_id(sha, 0), source_path=str(result.path), source_name=result.path.name,
                       file_type=None, part=0, doc_kind=None, status="error", error=result.error,
                       needs_review=True, review_reasons=[result.error or "unreadable"], sha256=sha)


def inspection_window(doc: NormalisedDocument) -> tuple[date, date] | None:
    """The inspection's first and last day, from the report's own words."""
    text = doc.document.inspection_dates
    spans = find_dates(text) if text else []
    if not spans:
        return None
    return min(s.start for s in spans), max(s.end for s in spans)


def assemble(results: list[FileResult], errors: list[str] | None = None) -> dict[str, list]:
    """Cross-document stages: people, recommendations for plans given without
    their report, then the comparison."""
    docs = [d for r in results for d in r.documents]
    raw_by_id = {make_doc_id(ex.sha256, ex.part_index): ex for r in results for ex in r.extractions}
    tables: dict[str, list] = {name: [] for name in
                               ("documents", "recommendations", "judgements", "responses", "actions")}
    seen_docs: set[str] = set()
    for doc in docs:
        if doc.document.doc_id in seen_docs:  # the same file given twice
            continue
        seen_docs.add(doc.document.doc_id)
        tables["documents"].append(doc.document)
        tables["recommendations"] += doc.recommendations
        tables["judgements"] += doc.judgements
        tables["responses"] += doc.responses
        tables["actions"] += doc.actions
    tables["documents"] += [error_row(r) for r in results if r.status == "error"]
    by_id = {d.document.doc_id: d for d in docs}
    for group in group_inspections(tables["documents"]):
        if group.report_doc_id is None and group.plan_doc_id in by_id:
            plan = by_id[group.plan_doc_id]
            tables["recommendations"] += derive_recommendations_from_plan(plan, raw_by_id[group.plan_doc_id])
    windows = {d.document.doc_id: w for d in docs
               if d.document.doc_kind == DocKind.INSPECTION_REPORT.value and (w := inspection_window(d))}
    claims = [CountClaimInput(doc_id=make_doc_id(ex.sha256, ex.part_index), what=c.what, count=c.count,
                              text=c.text, page=c.source.page)
              for ex in raw_by_id.values() for c in ex.claims]
    tables["people"] = build_people(docs)
    try:
        comparison = compare_all(tables["documents"], tables["recommendations"], tables["responses"],
                                 tables["actions"], inspection_dates=windows, claims=claims)
    except Exception as exc:
        log.debug("comparison failed\n%s", traceback.format_exc())
        if errors is None:
            raise
        errors.append(f"internal error while comparing plans with reports ({type(exc).__name__}: {exc}); "
                      "tables written without findings; please report it")
        tables.update(inspections=[], matches=[], findings=[])
        return tables
    tables["inspections"] = comparison.inspections
    tables["matches"] = comparison.matches
    tables["findings"] = comparison.findings
    return tables


def run(paths: Iterable[str | Path], out_dir: Path, *,
        on_file: Callable[[FileResult], None] | None = None,
        files: list[Path] | None = None, pdf_engine: str | None = None) -> RunResult:
    files = files if files is not None else collect_inputs(paths)
    results = []
    for path in files:
        result = process_file(path, pdf_engine)
        results.append(result)
        if on_file:
            on_file(result)
    from acplans.schemas.tables import write_tables  # pyarrow: only once there is something to write

    errors: list[str] = []
    tables = assemble(results, errors)
    written = write_tables(Path(out_dir), tables)
    return RunResult(results, tables, written, errors)
