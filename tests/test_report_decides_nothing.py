"""The report decides nothing: lateness, coverage and findings are the comparator's, and the
report reads them from the output without pandas."""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

import pytest

from acplans.compare import compare_all
from acplans.normalize.crossdoc import NormalisedBatch
from acplans.normalize.pairing import group_documents
from acplans.schemas.bundle import Tables
from acplans.report import load_output, render_html
from acplans.schemas.rows import ActionRow, RecommendationRow, ResponseRow
from acplans.schemas.output import write_tables
from test_officers_report import PLAN, REPORT, documents, write_output


@pytest.fixture
def out_dir(tmp_path):
    return write_output(tmp_path / "out")


def test_report_does_not_call_overlapping_action_late(tmp_path):
    """An action due "June – August 2011" overlaps a June 2011 deadline: the comparator does
    not call it late, so neither may the report; one due in September is late in both."""
    docs = documents()
    report = [RecommendationRow(doc_id="rep", rec_id="rep:R3", ref="R3", ref_as_written="R3",
                                text="Publish a repairs charter.", target_date_text="June 2011",
                                target_date=date(2011, 6, 30), target_date_precision="month",
                                source_path=REPORT, page=32)]
    entry = ResponseRow(doc_id="plan", response_id="plan:R3:0", ref="R3", text="Publish a repairs charter.",
                        owner_name="Donna Middleton", source_path=PLAN, page=3)
    overlapping = ActionRow(doc_id="plan", action_id="plan:R3:0:1", response_id="plan:R3:0", ref="R3", seq=1,
                            text="Consult tenants on the charter", due_text="June – August 2011",
                            due_date=date(2011, 8, 31), due_date_start=date(2011, 6, 1),
                            due_precision="month", source_path=PLAN, page=3)
    after = ActionRow(doc_id="plan", action_id="plan:R3:0:2", response_id="plan:R3:0", ref="R3", seq=2,
                      text="Publish the charter", due_text="September 2011", due_date=date(2011, 9, 30),
                      due_date_start=date(2011, 9, 1), due_precision="month", source_path=PLAN, page=3)
    groups = group_documents(docs)
    result = compare_all(NormalisedBatch(
        Tables(documents=docs, recommendations=report, responses=[entry], actions=[overlapping, after],
               inspections=[g.row for g in groups]), groups, [], {}))
    write_tables(tmp_path, result)
    assert [f.action_id for f in result.findings if f.kind == "action_after_deadline"] == ["plan:R3:0:2"]

    page = render_html(load_output(tmp_path))
    rows = re.findall(r"<tr( class=\"late\")?><td class=\"num\">(\d)</td>.*?</tr>", page, re.S)
    assert [(seq, bool(late)) for late, seq in rows] == [("1", False), ("2", True)]
    assert page.count('<span class="late-tag">After the deadline</span>') == 1
    svg = re.search(r'<svg class="timeline".*?</svg>', page, re.S).group(0)
    assert re.findall(r'<circle class="dot st-planned( late)?"', svg) == ["", " late"]
    assert re.findall(r'<text class="note[^"]*"[^>]*>([^<]+)<', svg) == ["1 late"]


def test_report_reads_the_output_without_pandas(out_dir):
    # The report path reads Parquet straight into the row dataclasses.
    code = ("import sys; from acplans.report import load_output, render_html, check_summary; "
            "t = load_output(sys.argv[1]); render_html(t); check_summary(t); "
            "print('pandas' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code, str(out_dir)], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
