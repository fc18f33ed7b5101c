"""Splitting files into the documents they hold: the real samples, the pack
with its running footers taken away, and page-less text holding three
documents."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from acplans.extract.parts import fold_case
from acplans.extract.reader import read_document
from acplans.extract.records import DocKind
from acplans.extract.segment import _COVER_RE, _PLAN_RE, _REPORT_RE, split_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PACK = SAMPLES / "home-group-housing-panel-pack-2010.pdf"

# Read from the pack: pages 1-2 are the council's report to its Housing
# Panel, page 3 opens the Audit Commission report ("Short Notice" title page)
# and page 23 is its back page; page 24, the first landscape page, is the
# plan's title page ("Short Notice Inspection / Action Plan"); page 60 the
# plan's last.
PACK_PARTS = [(DocKind.COVER_REPORT, 1, 2), (DocKind.INSPECTION_REPORT, 3, 23),
              (DocKind.ACTION_PLAN, 24, 60)]


def _kinds_and_pages(parts):
    return [(p.kind, p.page_start, p.page_end) for p in parts]


def test_pack_splits_into_cover_report_and_plan(sample_docs):
    doc = sample_docs[PACK.name]
    parts = split_document(doc)
    assert _kinds_and_pages(parts) == PACK_PARTS
    # Block ranges follow the pages and cover every block once.
    assert parts[0].first_block == 0
    assert parts[-1].last_block == len(doc.blocks) - 1
    for before, after in zip(parts, parts[1:]):
        assert after.first_block == before.last_block + 1
    for part in parts:
        pages = {b.page for b in doc.blocks[part.first_block:part.last_block + 1]}
        assert min(pages) >= part.page_start and max(pages) <= part.page_end
    assert doc.blocks[parts[1].first_block].text == "Short Notice"
    assert [p.title for p in parts] == ["Home Housing Group Short Notice Inspection & Action Plan",
                                        "Short notice inspection report",
                                        "Short Notice Inspection Action Plan"]


def test_pack_splits_the_same_without_running_footers(sample_docs):
    doc = copy.deepcopy(sample_docs[PACK.name])
    doc.furniture = []
    for page in doc.pages:
        page.running_header, page.running_footer = [], []
    assert _kinds_and_pages(split_document(doc)) == PACK_PARTS


@pytest.mark.parametrize("name, kind, pages", [
    ("home-group-inspection-report-2010.pdf", DocKind.INSPECTION_REPORT, (1, 21)),
    ("home-group-action-plan-2010.pdf", DocKind.ACTION_PLAN, (1, 37)),
    ("peabody-action-plan-summary-2010.pdf", DocKind.ACTION_PLAN, (1, 6)),
    ("peabody-action-plan-summary-2010.docx", DocKind.ACTION_PLAN, (None, None)),
])
def test_single_document_files_are_one_part(name, kind, pages, sample_docs):
    doc = sample_docs[name]
    parts = split_document(doc)
    assert _kinds_and_pages(parts) == [(kind, *pages)]
    assert (parts[0].first_block, parts[0].last_block) == (0, len(doc.blocks) - 1)


PAGELESS_PACK = """\
Housing Panel

REPORT AUTHOR: A. Officer

EXECUTIVE MEMBER: Councillor B

## 1 INTRODUCTION

1.1 Members are asked to note the inspection report at Appendix 1.

1.2 There were twelve recommendations grouped under four headings.

# Riverside Homes Limited | Short notice inspection report

Short notice inspection of lettings

## Summary

Dates of inspection: 4 to 8 October 2010.

We found weaknesses outweigh strengths in this area.

## Recommendations

R1 Improve lettings by:

- reviewing the lettings policy.

The expected benefit of this recommendation is:

- shorter waits.

Implementing this recommendation will have high impact with low costs. This should be carried out by June 2011.

# Riverside Homes Action Plan

## Recommendation 1

Action\tBy\tResponsible\tProgress
Review the lettings policy\tJune 2011\tHead of Lettings\tStarted
"""


def test_pageless_text_is_split_on_block_ranges(tmp_path):
    path = tmp_path / "pack.md"
    path.write_text(PAGELESS_PACK, encoding="utf-8")
    doc = read_document(path)
    parts = split_document(doc)
    assert _kinds_and_pages(parts) == [(DocKind.COVER_REPORT, None, None),
                                       (DocKind.INSPECTION_REPORT, None, None),
                                       (DocKind.ACTION_PLAN, None, None)]
    firsts = [doc.blocks[p.first_block].text for p in parts]
    assert firsts == ["Housing Panel", "Riverside Homes Limited | Short notice inspection report",
                      "Riverside Homes Action Plan"]
    assert parts[-1].last_block == len(doc.blocks) - 1


@pytest.mark.parametrize("text", ["SCOPE OF THE INSPECTION", "ſcope of the inſpection",
                                  "WE FOUND", "Lead Offİcer", "Lead offıcer", "Ǆ KEY ACTIONS"])
def test_folded_scoring_matches_case_blind_search(text):
    """Page scoring searches case-folded text with lower-case patterns; it
    must find exactly what the same patterns find with re.IGNORECASE."""
    for pattern, _ in _COVER_RE + _REPORT_RE + _PLAN_RE:
        blind = re.compile(pattern.pattern, re.I)
        assert bool(pattern.search(fold_case(text))) == bool(blind.search(text)), pattern.pattern


def test_every_scoring_pattern_is_lower_case_as_folded_text_needs():
    """A capital in a pattern would never match the case-folded page text."""
    for pattern, _ in _COVER_RE + _REPORT_RE + _PLAN_RE:
        literal = re.sub(r"\\[A-Za-z]", "", pattern.pattern)  # escapes such as \b and \s are not letters
        assert literal == literal.lower(), pattern.pattern
