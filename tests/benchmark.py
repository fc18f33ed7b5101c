"""Speed and memory of the reading layer and the whole run, as CPU time and
ratios (wall time on a shared machine measures the neighbours).

usage: python tests/benchmark.py [--pages 520] [--engine pdfium] [--json]

A long file is made by repeating the sample PDFs' pages (pypdfium2's page
import, in a temporary folder). Targets, checked here and never in timed
tests:
- `acplans run` on the long file: at least 80 pages per CPU-second, peak
  memory under 200 MiB, and at most 7x the CPU of pypdfium2's plain-text
  pass over the same file (the floor any PDF reader pays);
- `acplans run samples/`: under 3 CPU-seconds;
- `acplans run` start-up (a run over one blank page: every import a run
  makes, next to no work): under 0.8 CPU-s.
It also prints what OCR costs per page of a scan made by tests/scans.py, and
its share of that run (no target: tesseract's own speed).
Each measurement runs in its own process; CPU and peak memory are that
process's own (``os.wait4``). The long file's CPU figures are each the
lesser of two runs (of acplans, and of the plain-text pass): on a shared
machine, noise only ever adds time.

Peak memory counts the library files a process maps in (RssFile) as well as
its own (RssAnon), and the first depends on the page cache, not on acplans.
In a freshly installed environment, whose libraries were just written, the
kernel maps some 50 MiB more of them for the same run (libarrow: 29 MiB
resident after `import pyarrow`, 12 MiB once its pages have been read back
from disk). So the long file is run twice: as the environment is found, then
after its shared libraries are dropped from the page cache
(``posix_fadvise(DONTNEED)``, harmless: they are read back on use), which
makes the check independent of how recently `make setup` ran. Both peaks are
printed, with the run's own and library shares.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
# --workers 0: the run reads in its own process, so os.wait4 sees all its CPU
# and memory (workers are a fork server's grandchildren, which it cannot see);
# tests/bench_batch.py measures the workers.
ACPLANS = [sys.executable, "-m", "acplans.cli"]
IN_PROCESS = ["--workers", "0", "--no-cache"]
MIN_PAGES_PER_CPU_SECOND = 80
MAX_PEAK_MIB = 200
MAX_PLAIN_TEXT_RATIO = 7
MAX_SAMPLES_CPU_SECONDS = 3
MAX_STARTUP_SECONDS = 0.8
SCAN_PAGES = 6  # the Peabody plan, scanned by tests/scans.py

READ = """
import sys
from acplans.extract.formats import PdfEngine, ReadOptions
from acplans.extract.reader import read_document
print(len(read_document(sys.argv[1], ReadOptions(pdf_engine=PdfEngine(sys.argv[2]))).pages))
"""
# `acplans` that prints, as it exits, how much of its memory is its own
# (RssAnon) and how much is library files mapped in (RssFile).
ACPLANS_WITH_MEMORY = [sys.executable, "-c", """
import atexit, runpy, sys
def report():
    with open("/proc/self/status") as fh:
        kib = {k: int(v.split()[0]) for k, v in (line.split(":", 1) for line in fh) if k in ("RssAnon", "RssFile")}
    print(kib.get("RssAnon", 0) / 1024, kib.get("RssFile", 0) / 1024)
atexit.register(report)
sys.argv = ["acplans", *sys.argv[1:]]
runpy.run_module("acplans.cli", run_name="__main__")
"""]
MAKE_LONG_PDF = """
import sys
from pathlib import Path
sys.path.insert(0, "tests")
from benchmark import make_long_pdf
make_long_pdf(int(sys.argv[1]), Path(sys.argv[2]))
"""
PLAIN_TEXT = """
import sys
import pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
for page in pdf:
    page.get_textpage().get_text_range()
print(len(pdf))
"""


def measure(cmd: list[str]) -> dict:
    """CPU seconds, wall seconds and peak MiB of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "wall_seconds": round(time.perf_counter() - start, 2),
            "peak_mib": round(usage.ru_maxrss / 1024, 1), "exit": proc.returncode, "stdout": out.strip()}


def drop_libraries_from_page_cache() -> int:
    """Drop the shared libraries of this Python and its environment from the
    page cache, so the next run maps them as read from disk; how many files."""
    dropped = 0
    for root in {Path(sys.prefix), Path(sys.base_prefix) / "lib"}:
        for path in root.rglob("*.so*"):
            if path.is_file() and not path.is_symlink():
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fdatasync(fd)  # pages not yet written back would stay cached
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                    dropped += 1
                finally:
                    os.close(fd)
    return dropped


def make_long_pdf(pages: int, dest: Path) -> Path:
    import pypdfium2 as pdfium

    sources = [pdfium.PdfDocument(p) for p in sorted(SAMPLES.glob("*.pdf"))]
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        for src in sources:
            take = min(len(src), pages - len(out))
            if take > 0:
                out.import_pages(src, list(range(take)))
    out.save(dest)
    return dest


def blank_pdf(dest: Path) -> Path:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(dest)
    return dest


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=520)
    ap.add_argument("--engine", default="pdfium", choices=["pdfium", "pdfplumber"])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    engine = ["--pdf-engine", args.engine]
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        long_pdf = tmp / f"long-{args.pages}.pdf"
        # Built in a child: the page cache keeps whatever a live process maps,
        # so this process must not load pypdfium2 (or numpy, or Pillow) itself.
        subprocess.run([sys.executable, "-c", MAKE_LONG_PDF, str(args.pages), str(long_pdf)], check=True, cwd=ROOT)
        results["read_samples"] = {p.name: measure([sys.executable, "-c", READ, str(p), args.engine])
                                   for p in sorted(SAMPLES.glob("*.pdf"))}
        run_long = [*ACPLANS_WITH_MEMORY, "run", str(long_pdf), "--out", str(tmp / "long"), "--silent",
                    *IN_PROCESS, *engine]
        results["run_long_as_found"] = measure(run_long)
        drop_libraries_from_page_cache()
        results["run_long"] = measure(run_long)
        results["plain_text_long"] = min((measure([sys.executable, "-c", PLAIN_TEXT, str(long_pdf)]) for _ in range(2)),
                                         key=lambda r: r["cpu_seconds"])
        results["run_samples"] = measure([*ACPLANS, "run", str(SAMPLES), "--out", str(tmp / "samples"),
                                          "--silent", *IN_PROCESS, *engine])
        from scans import scan_pdf  # pypdfium2, numpy, Pillow: only after the memory measurement

        scan = scan_pdf(SAMPLES / "peabody-action-plan-summary-2010.pdf", tmp / "scan.pdf")
        results["run_scan"] = measure([*ACPLANS, "run", str(scan), "--out", str(tmp / "scan"), "--silent",
                                       *IN_PROCESS])
        results["run_scan_unread"] = measure([*ACPLANS, "run", str(scan), "--out", str(tmp / "scan-unread"),
                                              "--silent", "--ocr", "never", *IN_PROCESS])
        results["startup"] = measure([*ACPLANS, "run", str(blank_pdf(tmp / "blank.pdf")), "--out",
                                      str(tmp / "blank"), "--silent", *IN_PROCESS])
    run_long, plain, as_found = results["run_long"], results["plain_text_long"], results["run_long_as_found"]
    own_mib, files_mib = memory_split(run_long)
    run_cpu = min(run_long["cpu_seconds"], as_found["cpu_seconds"])
    pages_per_cpu = args.pages / run_cpu
    ratio = run_cpu / plain["cpu_seconds"]
    startup = results["startup"]["cpu_seconds"]
    results["checks"] = {
        f"run on {args.pages} pages: {pages_per_cpu:.0f} pages per CPU-second (>= {MIN_PAGES_PER_CPU_SECOND})":
            pages_per_cpu >= MIN_PAGES_PER_CPU_SECOND and run_long["exit"] == 0,
        f"run on {args.pages} pages: peak {run_long['peak_mib']:.0f} MiB (< {MAX_PEAK_MIB}); at exit "
        f"{own_mib:.0f} MiB its own, {files_mib:.0f} MiB library files read from disk":
            run_long["peak_mib"] < MAX_PEAK_MIB,
        f"run on {args.pages} pages: {ratio:.1f}x pypdfium2's plain-text pass, {run_cpu} against "
        f"{plain['cpu_seconds']} CPU-s (<= {MAX_PLAIN_TEXT_RATIO}x)":
            ratio <= MAX_PLAIN_TEXT_RATIO,
        f"run on samples/: {results['run_samples']['cpu_seconds']} CPU-s (< {MAX_SAMPLES_CPU_SECONDS})":
            results["run_samples"]["cpu_seconds"] < MAX_SAMPLES_CPU_SECONDS and results["run_samples"]["exit"] == 0,
        f"start-up: {startup} CPU-s, {results['startup']['wall_seconds']} s wall (< {MAX_STARTUP_SECONDS} s)":
            startup < MAX_STARTUP_SECONDS,
    }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, r in results["read_samples"].items():
            pages = int(r["stdout"] or 0)
            print(f"read {name:<45} {pages:>4} pages {r['cpu_seconds']:>6.2f} CPU-s "
                  f"{pages / r['cpu_seconds']:>6.1f} pages/CPU-s  peak {r['peak_mib']:>6.1f} MiB")
        print(f"plain-text pass on {args.pages} pages: {plain['cpu_seconds']} CPU-s")
        found_own, found_files = memory_split(as_found)
        print(f"run on {args.pages} pages, libraries as the page cache held them: peak {as_found['peak_mib']:.0f} MiB "
              f"({found_own:.0f} MiB its own, {found_files:.0f} MiB library files), {as_found['cpu_seconds']} CPU-s")
        scanned, unread = results["run_scan"]["cpu_seconds"], results["run_scan_unread"]["cpu_seconds"]
        print(f"OCR on a {SCAN_PAGES}-page scan: {(scanned - unread) / SCAN_PAGES:.2f} CPU-s per page, "
              f"{(scanned - unread) / scanned:.0%} of that run's {scanned} CPU-s")
        for name, ok in results["checks"].items():
            print(f"{'PASS' if ok else 'FAIL'} {name}")
    return 0 if all(results["checks"].values()) else 1


def memory_split(result: dict) -> tuple[float, float]:
    """(own, library files) MiB at exit, as ACPLANS_WITH_MEMORY printed them."""
    own, files = result["stdout"].split()[-2:]
    return float(own), float(files)


if __name__ == "__main__":
    sys.exit(main())
