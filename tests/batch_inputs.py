"""Inputs for the batch tests: distinct copies of the Word sample.

Each copy carries one extra zip member that no reader looks at, so its bytes
(and sha256, and doc_id) differ while what it says stays the sample's.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
WORD_SAMPLE = SAMPLES / "peabody-action-plan-summary-2010.docx"


def make_copy(path: Path, n: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(WORD_SAMPLE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            copy.writestr(item, source.read(item.filename))
        copy.writestr("customXml/acplans-copy.xml", f"<copy n='{n}'/>")
    return path


def make_inputs(folder: Path, copies: int) -> list[Path]:
    return [make_copy(folder / f"plan-{n:03d}.docx", n) for n in range(copies)]
