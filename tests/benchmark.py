"""Speed and memory of the reading layer and the whole run, on the samples and
on a long file made by repeating the committee pack's pages.

usage: python tests/benchmark.py [--pages 500] [--json]

Targets (checked here, not in timed tests): the 60-page pack is read in
under 20 s, and peak memory while reading the long file stays within 2x of
reading the 60-page pack (memory is flat: pages are released as they go).
Each measurement runs in a fresh process so peak RSS is its own.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
PACK = SAMPLES / "home-group-housing-panel-pack-2010.pdf"
MAX_PACK_SECONDS = 20.0
MAX_MEMORY_GROWTH = 2.0

MEASURE = """
import resource, sys, time
from acplans.extract.reader import read_document
t = time.perf_counter()
doc = read_document(sys.argv[1])
secs = time.perf_counter() - t
peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(len(doc.pages), secs, peak_mib)
"""


def measure_read(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, check=True)
    pages, secs, peak = out.stdout.split()
    return {"file": path.name, "pages": int(pages), "seconds": round(float(secs), 2),
            "pages_per_second": round(int(pages) / float(secs), 1), "peak_mib": round(float(peak), 1)}


def make_long_pdf(pages: int, dest: Path) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(PACK)
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        out.import_pages(src, list(range(min(len(src), pages - len(out)))))
    out.save(dest)
    return dest


def measure_run(inputs: list[Path], out_dir: Path) -> dict:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "acplans.cli", "run", *map(str, inputs), "--out", str(out_dir),
                    "--silent"], check=False, capture_output=True)
    return {"files": len(inputs), "seconds": round(time.perf_counter() - t, 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = {"read": [measure_read(p) for p in sorted(SAMPLES.glob("*.pdf"))]}
    with tempfile.TemporaryDirectory() as tmp:
        long_pdf = make_long_pdf(args.pages, Path(tmp) / f"long-{args.pages}.pdf")
        results["long"] = measure_read(long_pdf)
        results["run_samples"] = measure_run(sorted(SAMPLES.glob("*.*")), Path(tmp) / "out")
    pack = next(r for r in results["read"] if r["file"] == PACK.name)
    checks = {
        f"pack read in under {MAX_PACK_SECONDS:.0f} s": pack["seconds"] < MAX_PACK_SECONDS,
        f"memory on {args.pages} pages within {MAX_MEMORY_GROWTH}x of the pack":
            results["long"]["peak_mib"] <= MAX_MEMORY_GROWTH * pack["peak_mib"],
    }
    results["checks"] = checks
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for r in results["read"] + [results["long"]]:
            print(f"{r['file']:<45} {r['pages']:>4} pages {r['seconds']:>7.2f} s "
                  f"{r['pages_per_second']:>6.1f} pages/s  peak {r['peak_mib']:>6.1f} MiB")
        print(f"acplans run on samples/: {results['run_samples']['seconds']} s")
        for name, ok in checks.items():
            print(f"{'PASS' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
