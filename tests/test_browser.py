"""The officers' report in a real browser: it loads without console errors,
its offline filters work, and it fits a phone (390 px) as well as a desktop.
Needs Chromium (Debian package `chromium`); skipped where it is absent.
"""
from __future__ import annotations

import json
import os
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


# ---------------------------------------------------------------- any screen

PHONE, DESKTOP = (390, 844), (1400, 2000)
# Reads the report inside a frame of the phone's width (headless Chromium
# will not make its own window narrower than 500 px): how wide the page is,
# and every table cell, tile or label that does not fit on the screen.
_FRAME_PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="r" src="{src}" style="border:0;width:{w}px;height:{h}px"></iframe>
<script>addEventListener("load", function () {{
  var frame = document.getElementById("r"), doc = frame.contentDocument, win = frame.contentWindow;
  var off = [];
  doc.querySelectorAll("td, th, .tile, .prov, .status, .toolbar label").forEach(function (el) {{
    var box = el.getBoundingClientRect();
    if (el.getClientRects().length && box.right > doc.documentElement.clientWidth + 1) off.push(el.textContent.trim().slice(0, 30));
  }});
  var bar = doc.querySelector(".toolbar").getBoundingClientRect();
  var style = win.getComputedStyle(doc.querySelector(".toolbar")).position;
  document.body.setAttribute("data-probe", JSON.stringify({{
    scroll: doc.documentElement.scrollWidth, client: doc.documentElement.clientWidth, off: off,
    toolbar: style, hidden_cells: Array.prototype.filter.call(doc.querySelectorAll("table.actions td, table.overview td"),
      function (td) {{ return win.getComputedStyle(td).display === "none" && td.textContent.trim(); }}).length,
    cells: doc.querySelectorAll("table.actions td[data-label]").length}}));
}});</script></body></html>"""


@pytest.fixture(scope="module")
def versions_report(tmp_path_factory) -> Path:
    """The Home Group report and plan, and two versions of another landlord's plan without its
    report: two inspections (so the overview shows), action tables, histories and slippage."""
    from conftest import SAMPLES, read_once
    from test_versions import EARLIER, LATER, write_plan
    from acplans import pipeline
    tmp = tmp_path_factory.mktemp("screens")
    plans = [write_plan(tmp / "dec.docx", "Anytown Homes Action Plan - progress at December 2010", EARLIER),
             write_plan(tmp / "jun.docx", "Anytown Homes Action Plan - progress at June 2011", LATER)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "read_document", read_once)
        pipeline.run([SAMPLES / "home-group-inspection-report-2010.pdf",
                      SAMPLES / "home-group-action-plan-2010.pdf", *plans], tmp / "out")
    path = tmp / "report.html"
    path.write_text(render_html(load_output(tmp / "out")), encoding="utf-8")
    return path


def _probe(tmp_path: Path, report: Path, size: tuple[int, int]) -> dict:
    wrapper = report.parent / f"probe-{size[0]}.html"
    wrapper.write_text(_FRAME_PROBE.format(src=report.name, w=size[0], h=size[1]), encoding="utf-8")
    dom = _chromium(tmp_path, wrapper.as_uri(), "--allow-file-access-from-files", "--dump-dom").stdout
    return json.loads(re.search(r'data-probe="([^"]*)"', dom).group(1).replace("&quot;", '"'))


def test_phone_width_has_no_sideways_scroll_and_every_fact_on_screen(tmp_path, versions_report):
    probe = _probe(tmp_path, versions_report, PHONE)
    assert probe["scroll"] <= probe["client"] <= PHONE[0]
    assert probe["off"] == []
    assert probe["hidden_cells"] == 0 and probe["cells"] > 100
    # The filter bar scrolls away on a phone instead of covering the screen.
    assert probe["toolbar"] == "static"


def test_desktop_keeps_the_sticky_filter_bar_and_fits(tmp_path, versions_report):
    probe = _probe(tmp_path, versions_report, DESKTOP)
    assert probe["scroll"] <= probe["client"] and probe["off"] == []
    assert probe["toolbar"] == "sticky"


@pytest.mark.parametrize("size", [PHONE, DESKTOP])
def test_screenshots_at_phone_and_desktop_widths(tmp_path, versions_report, size):
    shot = tmp_path / f"report-{size[0]}.png"
    _chromium(tmp_path, versions_report.as_uri(), f"--screenshot={shot}", f"--window-size={size[0]},{size[1]}",
              "--hide-scrollbars")
    head = shot.read_bytes()[:24]
    assert struct.unpack(">II", head[16:24]) == size
    # ACPLANS_SCREENSHOTS=<folder> keeps the pictures so a person can look at them.
    keep = os.environ.get("ACPLANS_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shot.replace(Path(keep) / shot.name)
