"""docs/findings.md, generated from the finding kinds in ``schemas.findings``.

    python -m acplans.schemas.findings_doc > docs/findings.md         # regenerate
    python -m acplans.schemas.findings_doc --check docs/findings.md   # exit 1 if stale

The rules' prose lives here; each kind's table row, example message and
severity come from its definition, so the page cannot disagree with the
comparator or the report legend.
"""
from __future__ import annotations

import sys

from .dictionary import generated_doc_main
from .findings import FINDING_KINDS, SEVERITIES

REGENERATE = "python -m acplans.schemas.findings_doc > docs/findings.md"

INTRO = """\
# Findings: how a plan is checked against its report

`acplans.normalize.crossdoc.normalise_batch` groups the documents into
`inspections` (section 1); `acplans.compare.compare_all` then turns the
recommendations, responses and actions of each inspection into four more
tables: `matches`, `findings`, `coverage` and `action_checks`. This page sets
out the rules they follow, so that an officer reading a finding knows why it
was raised and why something else was not. The report and `acplans check`
only show these tables; they decide nothing themselves.
"""
PAIRING_AND_MATCHING = """\
## 1. Which documents belong together (`inspections`)

- Only inspection reports, action plans and council cover reports are grouped.
- **Landlord names** are compared on their significant words. Words for the
  legal form or the sector are ignored: *the, and, of, Limited, Ltd, plc,
  Group, Housing, Association, Trust, Society, CIC, LLP, Company, Co*. So
  "Home Group Limited", "Home Group" and "Home Housing Group" are all *home*,
  and "Peabody Trust" is *peabody*. Words such as *Home(s)* and place names are
  kept because they are often the only distinctive word. A name made only of
  generic words keeps all of them.
- **Parts of one file** (a committee pack holding a cover report, the report
  and the plan) always belong together, even when a part prints no landlord.
- **Successive inspections** of one landlord are kept apart by year (from the
  publication date, the inspection dates, the title or the file name): a plan
  goes with the latest report of its own year or earlier.
- **Copies.** The same report or plan given twice (as its own file and inside
  a pack, or as PDF and DOCX) is one inspection. The copy compared is the one
  read without error and not flagged for review, preferring a file of its own
  to a part of a pack; the other copies are listed in the inspection but their
  rows are not compared again, so each problem is reported once.
- A report alone or a plan alone is still an inspection.
  `inspection_id` is a hash of the doc_ids of all documents in the group, so it
  does not change between runs over the same files.

## 2. Which plan entry answers which recommendation (`matches`)

1. **By ref** (`method = ref`, score 1.0): the entry's canonical ref equals the
   recommendation's (`R2.1` = `R2.1`; the normaliser has already turned `6.4`
   into `R6.4` and `R1.` into `R1`).
2. **By wording** (`method = text`, score = similarity) for entries whose ref
   names no recommendation, or whose ref names one their text plainly does not
   restate (similarity below 0.6 with it and its bullets, and 0.8 or more with
   another recommendation) — as happens when a plan numbers its entries 1..n.
   Texts are compared on spaCy lookup lemmas with stop words dropped and a
   small list of domain synonyms folded together (*tenant / customer /
   resident*, *staff / colleague / employee*, *produce / develop / create /
   prepare*, *improve / enhance*, and British/American spellings). The score is
   the mean of rapidfuzz token-set and token-sort similarity: token-set alone
   rates a short text found inside a longer, different one as a perfect match.
   A pair matches at 0.8; the best pairs are taken first, one entry to one
   recommendation. On the samples, restatements score 0.98–1.0 against their
   own recommendation and at most 0.70 against any other.
3. **Headline coverage** (`method = headline`, score 1.0): an entry for a
   headline (`R1`) answers each of that headline's bullets that has no entry
   of its own. (The Home Group plan answers R1 with one entry restating its
   only bullet, R1.1.)

A headline with bullets needs no entry of its own: it is answered when its
bullets are. What a plan must answer is each bullet, and each headline that
has no bullets.

When there is **no report**, the recommendations are the plan's own
restatements (`derived_from = plan`); every entry matches itself by ref, and
the checks that compare a plan with a report (missing, orphan, deadline
mismatch, wording) report nothing.
"""
KINDS_PREAMBLE = """\
Every finding has the canonical `ref` of the recommendation or plan entry it
concerns (for an action, the ref of its entry; `null` for `count_mismatch`),
provenance of the item concerned, and a message that quotes both sides with
file and page. Example messages below are the comparator's own wording.
"""
COUNTS_AND_WORDING = """\

Counts compared: *recommendations* = bullets plus headlines without bullets;
*headings* = headline recommendations; *actions* = entries in the plan (a
cover report's "29 actions are listed under the 6 headings" counts the plan's
29 entries).

### Wording that changes the commitment

A restatement diverges when, compared on lemmas with synonyms folded, it

- **adds a hedge** the report does not use: *consider, explore, where
  possible, if possible, as far as possible, where appropriate, if
  appropriate, where feasible, aim to, seek to, try to, endeavour, attempt
  to, review the need, look at, subject to*;
- **weakens an obligation**: a word of obligation in the recommendation
  (*ensure, must, guarantee, require*) is gone and a weaker one (*encourage,
  promote, support, help, should, may, could, facilitate, aim, seek, try,
  hope, endeavour, attempt, strive*) has appeared;
- **drops a clause or list item**: three or more consecutive content words of
  the recommendation are missing from the restatement;
- **narrows a universal scope**: "all / every / each X" becomes "some / main /
  certain / selected / key / most / several / few / priority / major /
  principal / particular / specific X", or X is replaced by something so
  qualified ("all buildings" -> "main offices"). "All X" -> "X" alone is not
  reported.

An entry for a headline is compared with the headline, each of its bullets,
and all of them together, and diverges only if it diverges from every one —
plans often restate a headline's bullet under the headline's ref.
"""
SEVERITY_RULE = """\
The rule: **high** when, as written, the plan may leave a recommendation
undone or late; **medium** when the plan is weaker or harder to hold to
account but nothing is yet shown to be missed; **low** when only a document's
bookkeeping is wrong.
"""
COVERAGE = """\
Two more tables give the comparator's verdicts that are not problems, so
that every view shows the same figures:

- `coverage` has one row per recommendation. A **point** is what a plan must
  answer: a bullet, or a headline without bullets. A point is answered by an
  entry of its own (`own_entry`, matched by ref or by wording), or through
  the entry for its headline (`headline`). A headline with bullets is
  answered through its points (`points`) when every bullet is answered. The
  row also counts the late and undated actions under the entries that answer
  it, and the findings about it. The officers' report, the workbook and
  `acplans check` count coverage over points from this table.
- `action_checks` has one row per action: the deadline that binds it, its
  earliest date, and whether it is **late**, by the rule of
  `action_after_deadline` (an action that only overlaps the deadline is not
  late), or **undated** (it names no date at all; completed actions count
  here, but `no_due_date` is raised only for those not completed).
"""
GOLD = """\
`tests/test_compare.py` rebuilds the rows of `samples/gold/home-group-2010.json`
(35 recommendations, 29 responses, 129 actions, inspection 26–30 April 2010,
with the cover report's counts 29 / 6 / 29) and `samples/gold/peabody-2010.json`
(plan alone, given as DOCX and PDF) and checks that the set of (kind, ref)
findings equals the gold set exactly: 5 findings for Home Group, 16 for
Peabody, no others.
"""


def _kinds_table() -> list[str]:
    rows = ["| kind | raised when | not raised when |", "|---|---|---|"]
    return rows + [f"| `{k.kind}` | {k.raised_when} | {k.not_raised_when} |" for k in FINDING_KINDS]


def _severity_table() -> list[str]:
    rows = ["| severity | kinds |", "|---|---|"]
    for severity in SEVERITIES:
        kinds = [f"`{k.kind}`" + (f" {k.base_when}" if k.base_when else "")
                 for k in FINDING_KINDS if k.base_severity == severity]
        if severity == "high":
            kinds += [f"`{k.kind}` {k.escalated_when}" for k in FINDING_KINDS if k.escalated_when]
        rows.append(f"| {severity} | {'; '.join(kinds)} |")
    return rows


def readme_kinds_table() -> str:
    """The finding-kinds table of README.md: each kind, its label in the report, and what it means."""
    rows = ["| kind | shown as | what it means |", "| --- | --- | --- |"]
    return "\n".join(rows + [f"| `{k.kind}` | {k.label} | {k.explanation} |" for k in FINDING_KINDS]) + "\n"


def render_markdown() -> str:
    out = [INTRO, PAIRING_AND_MATCHING, "## 3. Finding kinds", "", KINDS_PREAMBLE, *_kinds_table(),
           COUNTS_AND_WORDING, "### Example messages", ""]
    out += [f"- `{k.kind}`: {k.example}" for k in FINDING_KINDS]
    out += ["", "## 4. Severity", "", SEVERITY_RULE, *_severity_table(), "",
            "## 5. Coverage and lateness", "", COVERAGE, "## 6. Agreement with the gold answers", "", GOLD]
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(generated_doc_main(render_markdown, REGENERATE, "python -m acplans.schemas.findings_doc",
                                "Print docs/findings.md (the finding rules) as Markdown."))
