"""What a run reads: the files named, and the document files found in
folders, each once, with everything a folder walk left out and why.

Light on purpose (standard library and the format registry): the command
line collects its inputs before it knows whether there is work to do.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from acplans.extract.formats import document_suffixes


@dataclass
class Skipped:
    path: Path
    reason: str


@dataclass
class Inputs:
    files: list[Path]
    # What a folder walk left out, so a run can say so instead of dropping
    # files silently.
    skipped: list[Skipped] = field(default_factory=list)


def collect_inputs(paths: Iterable[str | Path]) -> Inputs:
    """Files named directly, and document files found in folders (recursively),
    in a stable order without duplicates. A file named on the command line is
    read whatever its name, as formats are told apart by content; in folders,
    only suffixes some reader takes are read, and hidden files and folders
    and READMEs are left alone. Everything left out is listed in ``skipped``."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files, left_out = walk_folder(path)
            found += files
            skipped += left_out
        else:
            found.append(path)
    # Paths stay as given (a relative path stays relative in source_path);
    # the same file named twice is read once. realpath, unlike resolve, does
    # not raise on a symlink loop.
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(Path(os.path.realpath(p)), p)
    return Inputs(list(unique.values()), skipped)


def walk_folder(root: Path) -> tuple[list[Path], list[Skipped]]:
    suffixes = document_suffixes()
    files: list[Path] = []
    skipped: list[Skipped] = []
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        # A hidden folder (.git, .venv) counts once, not once per file inside.
        for name in [d for d in subfolders if d.startswith(".")]:
            skipped.append(Skipped(here / name, "hidden folder"))
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            path = here / name
            if name.startswith("."):
                skipped.append(Skipped(path, "hidden file"))
            elif path.stem.lower() == "readme" and path.suffix:
                # A folder's notes in Markdown or text would be read as an
                # empty document; named directly, it is read like any file.
                skipped.append(Skipped(path, "a README: notes on the folder, not a report or plan"))
            elif path.suffix.lower() not in suffixes:
                skipped.append(Skipped(path, f"no reader for {path.suffix or 'files without a suffix'}"))
            elif path.is_file():
                files.append(path)
            else:
                skipped.append(Skipped(path, "not a regular file"))
    return sorted(files), sorted(skipped, key=lambda s: s.path)
