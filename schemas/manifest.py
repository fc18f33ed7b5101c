"""Where an output folder keeps its set of tables, and the manifest that
describes the set in force. Standard library only: a re-run checks the
manifest before it loads any table machinery."""
from __future__ import annotations

import json
from pathlib import Path

MANIFEST = "manifest.json"
RUNS = ".runs"
CURRENT = ".current"


def read_manifest(out_dir: Path) -> dict | None:
    """The manifest of the set in force, or None when there is no readable
    one or a table it lists is missing."""
    try:
        manifest = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        return None
    if not all((Path(out_dir) / f"{name}.parquet").is_file() for name in manifest["tables"]):
        return None
    return manifest
