"""Golden document models: what `acplans inspect --json` prints for every
sample, committed under tests/snapshots/. They guard changes to the readers
(first, the swap of PDF engine): a change to any block's kind, text, page or
box (to 0.1 pt), to a table's cells, the furniture, the pages or the warnings
fails here with its first differences. A change made on purpose is accepted
by regenerating the snapshots and committing them with the change:

    pytest tests/test_snapshots.py --update-snapshots    (or ACPLANS_UPDATE_SNAPSHOTS=1)

A missing snapshot fails too; it is written only when asked for.
"""
from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from acplans.cli import main
from acplans.inspect_view import clip, document_to_dict
from conftest import SAMPLE_FILES

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
REGENERATE = "pytest tests/test_snapshots.py --update-snapshots (or ACPLANS_UPDATE_SNAPSHOTS=1)"
# Written one item a line, so a change shows in `git diff` as the blocks it touches.
LISTS = ("pages", "blocks", "furniture")
MOST_SHOWN = 12
WIDTH = 70


def snapshot_path(sample: Path) -> Path:
    return SNAPSHOTS / f"{sample.name}.json"


def rounded(value):
    """Floats to 0.1 pt, so a last-digit wobble in a box is not a change."""
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, list):
        return [rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    return value


def snapshot_of(inspect_json: dict) -> dict:
    """The snapshot's form of `inspect --json` output: the document's own
    fields under "document", then its pages, blocks and furniture."""
    data = rounded(inspect_json)
    # Where the file was read from is not part of its model.
    data["source_path"] = Path(data["source_path"]).name
    return {"document": {k: v for k, v in data.items() if k not in LISTS}, **{name: data[name] for name in LISTS}}


def model_of(doc) -> dict:
    return snapshot_of(json.loads(json.dumps(document_to_dict(doc), default=str)))


def one_line(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def dumps(snapshot: dict) -> str:
    lines = ["{", f'"document": {one_line(snapshot["document"])},']
    for name in LISTS:
        items = [one_line(item) for item in snapshot[name]]
        lines += [f'"{name}": [', ",\n".join(items), "]" + ("," if name != LISTS[-1] else "")]
    return "\n".join(line for line in lines if line) + "\n}\n"


def from_first_change(text: str, other: str, before: int = 20) -> str:
    same = len(os.path.commonprefix([text, other]))
    start = max(0, same - before)
    return ("…" if start else "") + clip(text[start:], WIDTH)


def describe(item: dict) -> str:
    if "kind" not in item:  # a page
        return f"page {item['number']} {item['width']}x{item['height']}"
    what = item["text"]
    if item.get("table"):
        table = item["table"]
        what = f"table {len(table['rows'])} rows, header {table['header']}"
    return f"{item['kind']} p{item['page']}: {clip(what, WIDTH)}"


def differences(old: dict, new: dict) -> list[str]:
    """The first differences, item by item: what was there, what is now."""
    out = [f"document.{key}: {clip(str(old['document'].get(key)), WIDTH)} -> "
           f"{clip(str(new['document'].get(key)), WIDTH)}"
           for key in sorted(old["document"].keys() | new["document"].keys())
           if old["document"].get(key) != new["document"].get(key)]
    for name in LISTS:
        before, after = old[name], new[name]
        matcher = difflib.SequenceMatcher(None, [one_line(i) for i in before], [one_line(i) for i in after],
                                          autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            out.append(f"{name} [{i1}:{i2}] -> [{j1}:{j2}] ({tag}):")
            if tag == "replace" and i2 - i1 == j2 - j1:
                for a, b in zip(before[i1:i2], after[j1:j2]):
                    changed = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
                    out.append(f"  ~ {describe(b)}  [{', '.join(changed)} changed]")
                    if "text" in changed:
                        out.append("    was: " + from_first_change(a["text"], b["text"]))
                        out.append("    now: " + from_first_change(b["text"], a["text"]))
            else:
                out += [f"  - {describe(a)}" for a in before[i1:i2]]
                out += [f"  + {describe(b)}" for b in after[j1:j2]]
            if len(out) > MOST_SHOWN:
                return out[:MOST_SHOWN] + ["  …"]
    return out


def updating(config) -> bool:
    return config.getoption("--update-snapshots") or os.environ.get("ACPLANS_UPDATE_SNAPSHOTS") == "1"


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_document_model_matches_its_snapshot(sample, sample_docs, request):
    path = snapshot_path(sample)
    current = model_of(sample_docs[sample.name])
    if updating(request.config):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(dumps(current), encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no snapshot {path.relative_to(SNAPSHOTS.parent.parent)}; write it with: {REGENERATE}",
                    pytrace=False)
    committed = json.loads(path.read_text(encoding="utf-8"))
    if committed != current:
        pytest.fail(f"the document model of {sample.name} differs from its snapshot:\n"
                    + "\n".join(differences(committed, current))
                    + f"\nIf the change is intended, regenerate and commit: {REGENERATE}", pytrace=False)


def test_every_snapshot_belongs_to_a_sample():
    assert sorted(p.name for p in SNAPSHOTS.glob("*.json")) == sorted(snapshot_path(p).name for p in SAMPLE_FILES)


def test_snapshots_hold_what_inspect_json_prints(sample_docs):
    sample = next(p for p in SAMPLE_FILES if p.suffix == ".docx")  # the quickest to read again
    result = CliRunner().invoke(main, ["inspect", "--json", str(sample)])
    assert result.exit_code == 0, result.output
    assert snapshot_of(json.loads(result.output)) == model_of(sample_docs[sample.name])


def test_a_difference_is_shown_as_the_blocks_it_touches(sample_docs):
    old = model_of(sample_docs["peabody-action-plan-summary-2010.pdf"])
    new = json.loads(json.dumps(old))
    i, j, k = [n for n, b in enumerate(old["blocks"]) if b["kind"] == "paragraph"][:3]
    new["blocks"][i]["text"] = "A sentence the reader never saw."
    new["blocks"][j]["bbox"]["x0"] += 2.0
    del new["blocks"][k]
    shown = differences(old, new)
    assert shown[0] == f"blocks [{i}:{i + 1}] -> [{i}:{i + 1}] (replace):"
    assert shown[1] == f"  ~ paragraph p{old['blocks'][i]['page']}: A sentence the reader never saw.  [text changed]"
    assert shown[2] == f"    was: {clip(old['blocks'][i]['text'], WIDTH)}"
    assert shown[3] == "    now: A sentence the reader never saw."
    assert shown[5] == f"  ~ {describe(old['blocks'][j])}  [bbox changed]"
    assert shown[6:] == [f"blocks [{k}:{k + 1}] -> [{k}:{k}] (delete):", f"  - {describe(old['blocks'][k])}"]
