"""The officers' report in a real browser: it loads without console errors and
its offline filters work. Needs Chromium (Debian package `chromium`); skipped
where it is absent.
"""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from acplans.report import load_output, render_html
from test_officers_report import write_output

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed"),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("browser")
    path = tmp / "report.html"
    path.write_text(render_html(load_output(write_output(tmp / "out"))), encoding="utf-8")
    return path


def _chromium(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    # Flags keep a headless run hermetic: no sandbox (CI runs as root), no
    # first-run or update traffic, and a throwaway profile per run.
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--enable-logging=stderr", "--v=0", *args, url],
        capture_output=True, text=True, timeout=120, check=True)


def _dom(tmp_path: Path, report: Path, fragment: str = "") -> tuple[str, list[str]]:
    run = _chromium(tmp_path, report.as_uri() + fragment, "--dump-dom")
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    return run.stdout, console


def _visible_cards(dom: str) -> list[str]:
    cards = re.findall(r'<article class="rec[^"]*" id="rec-hg-([^"]+)"([^>]*)>', dom)
    return [ref for ref, attrs in cards if "hidden" not in attrs]


def test_report_loads_without_console_messages(tmp_path, report):
    dom, console = _dom(tmp_path, report)
    assert console == []
    # The count is written by the page's script, so it proves the script ran.
    assert '<span id="f-count" class="muted" aria-live="polite">Showing 5 of 5 items</span>' in dom
    assert _visible_cards(dom) == ["R1", "R1-1", "R2", "R2-1", "R2-2"]


def test_filter_by_kind_from_the_address(tmp_path, report):
    dom, console = _dom(tmp_path, report, "#kind=missing_response")
    assert console == []
    assert _visible_cards(dom) == ["R2-2"]
    assert "Showing 1 of 5 items" in dom


def test_severity_filter_and_sort_most_serious_first(tmp_path, report):
    dom, console = _dom(tmp_path, report, "#sev=2&sort=sev")
    assert console == []
    assert _visible_cards(dom) == ["R2-2", "R2-1"]


def test_text_search_from_the_address_ignores_case(tmp_path, report):
    dom, _ = _dom(tmp_path, report, "#q=Reporting%20TO%20tenants")
    assert _visible_cards(dom) == ["R2-2"]
    # The search reaches the plan's wording too, not just the recommendation's.
    dom, _ = _dom(tmp_path, report, "#q=gas%20policy")
    assert _visible_cards(dom) == ["R1"]


def test_screenshot_renders_at_the_requested_width(tmp_path, report):
    shot = tmp_path / "shot.png"
    _chromium(tmp_path, report.as_uri(), f"--screenshot={shot}", "--window-size=1400,2000",
              "--hide-scrollbars")
    head = shot.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1400, 2000)
