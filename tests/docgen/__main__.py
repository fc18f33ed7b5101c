"""``python -m docgen [--n N] [--first SEED] [--keep DIR] [--unruled] [--one-column]`` (with tests/ on the path;
``make eval``): build N variants, run the pipeline on each, and print the
mean score, the mean field accuracies and the worst variants with what they
missed."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from statistics import mean

from .variants import find_scorer, score_variant, variant

ACCURACIES = (("responses", "owner_name_acc"), ("responses", "owner_role_acc"),
              ("responses", "stated_target_date_acc"), ("actions", "due_date_acc"), ("actions", "status_acc"),
              ("recommendations", "target_date_acc"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--first", type=int, default=1000)
    ap.add_argument("--keep", type=Path, help="keep each variant's files and output under this folder")
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--unruled", action="store_true", help="PDF plan tables with rules between rows only")
    ap.add_argument("--one-column", action="store_true", help="PDF reports in one column only")
    a = ap.parse_args()
    scorer = find_scorer()
    if scorer is None:
        print("no shared/eval/score.py beside the repository: cannot score", file=sys.stderr)
        return 2
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = a.keep or Path(tmp)
        for seed in range(a.first, a.first + a.n):
            v = variant(seed, ruled=not a.unruled, two_columns=not a.one_column)
            try:
                res = score_variant(v, root / f"seed{seed}", scorer)
            except Exception as exc:  # a crash is a 0, named with its reason
                res = {"score": 0.0, "error": f"{type(exc).__name__}: {exc}"}
            results.append((v, res))
    print(f"variants: {len(results)}  mean score: {mean(r['score'] for _, r in results):.3f}")
    for table in ("recommendations", "responses", "actions", "findings"):
        print(f"  {table}_f1: {mean(r[table]['f1'] for _, r in results if table in r):.3f}")
    by_kind: dict[str, list[float]] = {}
    for v, r in results:
        kind = f"report {v.report_format}{v.columns if v.report_format == 'pdf' else ''}"
        by_kind.setdefault(kind, []).append(r["score"])
        by_kind.setdefault(f"plan {v.plan_format} {v.style.plan_layout}", []).append(r["score"])
    for kind, scores in sorted(by_kind.items()):
        print(f"  {kind}: {mean(scores):.3f} over {len(scores)}")
    for table, key in ACCURACIES:
        vals = [r[table][key] for _, r in results if table in r and r[table][key] is not None]
        print(f"  {table}.{key}: {mean(vals):.3f}" if vals else f"  {table}.{key}: n/a")
    print(f"worst {a.worst}:")
    for v, res in sorted(results, key=lambda x: x[1]["score"])[:a.worst]:
        detail = res.get("error") or " ".join(f"{t}={res[t]['f1']}" for t in ("recommendations", "responses",
                                                                            "actions", "findings"))
        print(f"  {res['score']:.3f} {v.name}: {detail}")
        if "findings" in res:
            for k in ("missed", "extra"):
                if res["findings"][k]:
                    print(f"      {k}: {', '.join(res['findings'][k])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
