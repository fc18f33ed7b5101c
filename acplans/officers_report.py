"""The officers' report: what council officers read after `acplans run`.

Three views of one output folder:

* `render_html` - a single self-contained page (no network: officers open it
  from a shared drive or an email attachment) showing, per inspection, how
  many recommendations the plan answers, each recommendation with its
  response and actions, the findings where they apply, and a timeline of
  action due dates against the inspectors' deadlines.
* `write_xlsx` - every table as a filterable sheet, for officers who work in
  Excel.
* `check_summary` - terse text and an exit code, for scripts and CI.

Coverage is counted over recommendation *points*: each bullet, plus each
headline that has no bullets. A headline with bullets is answered through
its bullets, so counting it as well would report the same gap twice.
"""
from __future__ import annotations

import html
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from functools import cached_property
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from string import Template

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from acplans.schemas.rows import TABLES
from acplans.schemas.tables import read_table

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}
SEVERITIES = ("high", "medium", "low")

# Plain-English name and explanation of each finding kind, for officers who
# have not read docs/findings.md.
FINDING_KINDS: dict[str, tuple[str, str]] = {
    "missing_response": (
        "No response",
        "The inspectors made a recommendation that no entry in the action plan answers."),
    "orphan_response": (
        "Plan entry matches nothing",
        "The action plan has an entry that answers no recommendation in the report; "
        "it may be mis-numbered or answer something the inspectors did not ask for."),
    "target_date_mismatch": (
        "Deadline restated differently",
        "The plan says the inspectors set a different deadline from the one printed in the report."),
    "action_after_deadline": (
        "Action due after the deadline",
        "An action is due after the date by which the inspectors wanted the recommendation carried out."),
    "no_owner": (
        "Nobody responsible",
        "No person or post is named as responsible for a response or an action."),
    "no_due_date": (
        "No due date",
        "An action that is not finished gives no date for when it will be."),
    "date_anomaly": (
        "Date looks wrong",
        "A date that cannot be right, such as a due date before the inspection took place; "
        "often a mistyped year."),
    "wording_diverges": (
        "Recommendation reworded",
        "The plan restates the recommendation in a way that changes what it asks for, "
        "not just its words."),
    "count_mismatch": (
        "Numbers do not add up",
        "A document states how many recommendations or actions it holds, and that number "
        "differs from what it contains."),
}

SEVERITY_TEXT = {
    "high": "Something the inspectors asked for is not being answered; raise with the landlord before accepting the plan.",
    "medium": "The plan answers the recommendation but something about it needs explaining.",
    "low": "Worth tidying up; unlikely to change the assessment of the plan.",
}

STATUS_LABEL = {"completed": "Completed", "ongoing": "Ongoing", "planned": "Planned"}

MATCH_METHOD_TEXT = {
    "ref": "matched by reference number",
    "headline": "the plan answers the whole recommendation in one entry",
    "text": "matched by similar wording",
}


class OutputNotFound(FileNotFoundError):
    """An output folder lacks a table: the pipeline has not been run on it."""


@dataclass(frozen=True)
class OutputTables:
    """Every table of one `acplans run` output folder, as DataFrames."""

    documents: pd.DataFrame
    recommendations: pd.DataFrame
    judgements: pd.DataFrame
    responses: pd.DataFrame
    actions: pd.DataFrame
    people: pd.DataFrame
    inspections: pd.DataFrame
    matches: pd.DataFrame
    findings: pd.DataFrame
    coverage: pd.DataFrame
    action_checks: pd.DataFrame

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def load_output(out_dir: str | Path) -> OutputTables:
    """Read every table of an output folder.

    Raises `OutputNotFound` naming the first missing table, and `ValueError`
    when a table lacks columns the schema requires (an output written by an
    older acplans), so the report never silently shows blanks.
    """
    out_dir = Path(out_dir)
    frames = {}
    for name, row_type in TABLES.items():
        path = out_dir / f"{name}.parquet"
        if not path.is_file():
            raise OutputNotFound(f"no {name}.parquet in {out_dir}: run `acplans run` first")
        # Object ints keep pages as 3 rather than 3.0 when some are null.
        df = read_table(out_dir, name).to_pandas(integer_object_nulls=True, date_as_object=True)
        missing = [f.name for f in fields(row_type) if f.name not in df.columns]
        if missing:
            raise ValueError(f"{path} lacks columns {', '.join(missing)}: re-run `acplans run`")
        frames[name] = df
    return OutputTables(**frames)


# ---------------------------------------------------------------- values

def _clean(v):
    """A cell as a plain Python value: None for every flavour of missing."""
    if isinstance(v, np.ndarray):
        return [_clean(x) for x in v.tolist()]
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    if v is None or v is pd.NaT or v is pd.NA:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, np.generic):
        return _clean(v.item())
    if isinstance(v, pd.Timestamp):
        return v.date()
    if isinstance(v, datetime):
        return v.date()
    return v


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: _clean(v) for k, v in rec.items()} for rec in df.to_dict("records")]


def _sev_rank(sev: str | None) -> int:
    return SEVERITY_RANK.get((sev or "").lower(), 0)


def _file_name(path: str | None) -> str:
    return Path(path).name if path else ""


def _fmt_date(d: date | None) -> str:
    return f"{d.day} {d:%b %Y}" if d else ""


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


# ---------------------------------------------------------------- model

@dataclass
class _Action:
    row: dict
    late: bool
    findings: list[dict]


@dataclass
class _Response:
    row: dict
    method: str
    score: float
    actions: list[_Action]
    findings: list[dict]
    # Also shown on the headline's card: the bullet links there instead of repeating it.
    shared: bool = False


@dataclass
class _Rec:
    row: dict
    order: int
    is_point: bool
    parent: dict | None
    responses: list[_Response]
    findings: list[dict]

    @property
    def answered(self) -> bool:
        return bool(self.responses)

    def all_findings(self) -> list[dict]:
        out = list(self.findings)
        for resp in self.responses:
            if resp.shared:
                continue
            out += resp.findings
            for act in resp.actions:
                out += act.findings
        return out


@dataclass
class _Inspection:
    row: dict
    docs: dict[str, dict]
    recs: list[_Rec]
    children: dict[str, list[_Rec]]
    orphans: list[_Response]
    loose_findings: list[dict]
    findings: list[dict]

    @property
    def points(self) -> list[_Rec]:
        return [r for r in self.recs if r.is_point]

    @cached_property
    def answered_points(self) -> list[_Rec]:
        """Points the plan answers; a bullet also counts when its headline is answered."""
        answered_refs = {r.row["ref"] for r in self.recs if r.answered}
        return [r for r in self.points
                if r.answered or (r.parent is not None and r.parent["ref"] in answered_refs)]


def _build(tables: OutputTables) -> list[_Inspection]:
    docs = {d["doc_id"]: d for d in _records(tables.documents)}
    recs = _records(tables.recommendations)
    responses = {r["response_id"]: r for r in _records(tables.responses)}
    actions_by_resp: dict[str, list[dict]] = defaultdict(list)
    for a in _records(tables.actions):
        actions_by_resp[a["response_id"]].append(a)
    for acts in actions_by_resp.values():
        acts.sort(key=lambda a: a["seq"] or 0)
    matches = _records(tables.matches)
    findings = _records(tables.findings)

    out = []
    for insp in _records(tables.inspections):
        iid = insp["inspection_id"]
        rec_docs = {d for d in (insp["report_doc_id"], insp["plan_doc_id"]) if d}
        insp_recs = [r for r in recs if r["doc_id"] in rec_docs]
        insp_findings = [f for f in findings if f["inspection_id"] == iid]
        by_ref = {r["ref"]: r for r in insp_recs}
        with_bullets = {r["parent_ref"] for r in insp_recs if r["parent_ref"]}

        f_by_action: dict[str, list[dict]] = defaultdict(list)
        f_by_response: dict[str, list[dict]] = defaultdict(list)
        f_by_rec: dict[str, list[dict]] = defaultdict(list)
        for f in insp_findings:
            if f["action_id"]:
                f_by_action[f["action_id"]].append(f)
            elif f["response_id"]:
                f_by_response[f["response_id"]].append(f)
            elif f["rec_id"] or f["ref"] in by_ref:
                f_by_rec[f["rec_id"] or by_ref[f["ref"]]["rec_id"]].append(f)

        insp_matches = [m for m in matches if m["inspection_id"] == iid]
        matched_responses = {m["response_id"] for m in insp_matches}

        def response(resp_id: str, method: str, score: float, deadline: date | None) -> _Response:
            acts = [_Action(a, bool(deadline and a["due_date"] and a["due_date"] > deadline),
                            f_by_action.get(a["action_id"], []))
                    for a in actions_by_resp.get(resp_id, [])]
            return _Response(responses[resp_id], method, score, acts, f_by_response.get(resp_id, []))

        built = []
        for order, r in enumerate(insp_recs):
            rec_matches = [m for m in insp_matches
                           if m["rec_id"] == r["rec_id"] and m["response_id"] in responses]
            built.append(_Rec(
                row=r, order=order,
                is_point=r["level"] == "bullet" or r["ref"] not in with_bullets,
                parent=by_ref.get(r["parent_ref"]) if r["parent_ref"] else None,
                responses=[response(m["response_id"], m["method"], m["score"], r["target_date"])
                           for m in rec_matches],
                findings=f_by_rec.get(r["rec_id"], []),
            ))
        children: dict[str, list[_Rec]] = defaultdict(list)
        for rec in built:
            if rec.parent:
                children[rec.parent["ref"]].append(rec)
                parent = next(p for p in built if p.row is rec.parent)
                on_parent = {resp.row["response_id"] for resp in parent.responses}
                for resp in rec.responses:
                    resp.shared = resp.row["response_id"] in on_parent

        plan_doc = insp["plan_doc_id"]
        orphans = [response(rid, "", 0.0, None) for rid, resp in responses.items()
                   if resp["doc_id"] == plan_doc and rid not in matched_responses]

        shown = set()
        for rec in built:
            shown.update(id(f) for f in rec.all_findings())
        for o in orphans:
            shown.update(id(f) for f in o.findings)
            shown.update(id(f) for a in o.actions for f in a.findings)
        loose = [f for f in insp_findings if id(f) not in shown]

        insp_docs = {k: docs[v] for k in ("report_doc_id", "plan_doc_id", "cover_doc_id")
                     if (v := insp[k]) and v in docs}
        out.append(_Inspection(insp, insp_docs, built, dict(children), orphans, loose, insp_findings))
    return out


def _coverage_counts(insp: _Inspection) -> dict:
    sev = Counter((f["severity"] or "low").lower() for f in insp.findings)
    points = insp.points
    answered = len(insp.answered_points)
    return {"points": len(points), "answered": answered, "unanswered": len(points) - answered,
            **{s: sev.get(s, 0) for s in SEVERITIES}}


# ---------------------------------------------------------------- check

def check_summary(tables: OutputTables, fail_on: str | None = None) -> tuple[str, int]:
    """Terse text for scripts, and the exit code.

    One line per inspection (recommendation points, answered, findings by
    severity), then one line per finding, most serious first:
    ``HIGH missing_response R2.3: message``. The code is 1 when any finding
    is at least as severe as `fail_on` ('high' > 'medium' > 'low'), else 0.
    """
    if fail_on is not None and fail_on.lower() not in SEVERITY_RANK:
        raise ValueError(f"fail_on must be one of high, medium, low; got {fail_on!r}")
    threshold = SEVERITY_RANK[fail_on.lower()] if fail_on else None

    inspections = _build(tables)
    lines = []
    for insp in inspections:
        c = _coverage_counts(insp)
        who = insp.row["landlord"] or "unknown landlord"
        lines.append(
            f"{insp.row['inspection_id']} ({who}): {c['points']} recommendations, "
            f"{c['answered']} answered, {c['unanswered']} unanswered; "
            f"findings high={c['high']} medium={c['medium']} low={c['low']}")

    findings = _records(tables.findings)
    order = {i.row["inspection_id"]: n for n, i in enumerate(inspections)}
    findings.sort(key=lambda f: (-_sev_rank(f["severity"]), order.get(f["inspection_id"], len(order))))
    for f in findings:
        lines.append(f"{(f['severity'] or 'low').upper()} {f['kind']} {f['ref'] or '-'}: "
                     f"{_one_line(f['message'])}")

    failed = threshold is not None and any(_sev_rank(f["severity"]) >= threshold for f in findings)
    return "\n".join(lines) + "\n", int(failed)


# ---------------------------------------------------------------- xlsx

_HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_WRAP_OVER = 60   # characters: beyond this a column wraps instead of widening
_DATE_FORMAT = "dd mmm yyyy"


def _xlsx_value(v):
    v = _clean(v)
    if isinstance(v, list):
        v = "; ".join(str(x) for x in v if x is not None)
    if isinstance(v, str):
        # PDF text can carry form feeds and other control characters that
        # openpyxl refuses to write.
        return ILLEGAL_CHARACTERS_RE.sub("", v)
    return v


def _write_sheet(ws, header: list[str], rows: list[list]) -> None:
    ws.append(header)
    for cell in ws[1]:
        cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
        cell.alignment = Alignment(vertical="top")
    for row in rows:
        ws.append(row)
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            # openpyxl writes a string starting with "=" as a formula; document
            # text must stay text, never something Excel evaluates.
            if cell.data_type == "f":
                cell.data_type = "s"
    widths = [len(h) for h in header]
    for row in rows:
        for i, v in enumerate(row):
            n = 11 if isinstance(v, date) else len(str(v)) if v is not None else 0
            widths[i] = max(widths[i], n)
    for i, width in enumerate(widths, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(width, _WRAP_OVER) + 2
        wrap = width > _WRAP_OVER
        for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
            if isinstance(cell.value, date):
                cell.number_format = _DATE_FORMAT
            if wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def write_xlsx(tables: OutputTables, path: str | Path) -> Path:
    """One workbook: a Summary sheet per inspection, then one sheet per table."""
    wb = Workbook()
    summary = wb.active
    summary.title = "Summary"
    rows = []
    for insp in _build(tables):
        c = _coverage_counts(insp)
        rows.append([
            insp.row["inspection_id"], insp.row["landlord"],
            insp.docs.get("report_doc_id", {}).get("source_name"),
            insp.docs.get("plan_doc_id", {}).get("source_name"),
            c["points"], c["answered"], c["unanswered"], c["high"], c["medium"], c["low"],
        ])
    _write_sheet(summary, ["inspection_id", "landlord", "report", "action plan", "recommendations",
                           "answered", "unanswered", "high findings", "medium findings",
                           "low findings"], [[_xlsx_value(v) for v in row] for row in rows])
    for name, df in tables.items():
        ws = wb.create_sheet(name)
        _write_sheet(ws, list(df.columns),
                     [[_xlsx_value(v) for v in rec] for rec in df.itertuples(index=False)])
    path = Path(path)
    wb.save(path)
    return path


# ---------------------------------------------------------------- html

def _e(v) -> str:
    return html.escape("" if v is None else str(v), quote=True)


def _slug(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(p or "" for p in parts)).strip("-")


def _prov(source_path: str | None, page) -> str:
    if not source_path:
        return ""
    where = _file_name(source_path) + (f", page {page}" if page else "")
    return f'<span class="prov" title="{_e(source_path)}">{_e(where)}</span>'


def _kind_label(kind: str) -> str:
    return FINDING_KINDS.get(kind, (kind.replace("_", " ").capitalize(), ""))[0]


def _finding_html(f: dict) -> str:
    sev = (f["severity"] or "low").lower()
    return (f'<li class="finding sev-{_e(sev)}" data-kind="{_e(f["kind"])}">'
            f'<span class="badge sev-{_e(sev)}">{_e(sev.capitalize())}</span> '
            f'<strong>{_e(_kind_label(f["kind"]))}</strong>: {_e(f["message"])} '
            f'{_prov(f["source_path"], f["page"])}</li>')


def _findings_html(findings: list[dict]) -> str:
    if not findings:
        return ""
    ordered = sorted(findings, key=lambda f: -_sev_rank(f["severity"]))
    return '<ul class="findings">' + "".join(_finding_html(f) for f in ordered) + "</ul>"


def _person(name: str | None, role: str | None) -> str:
    if name and role:
        return f"{_e(name)} <span class=\"muted\">({_e(role)})</span>"
    return _e(name or role) if (name or role) else '<span class="missing">Not named</span>'


def _action_row(a: _Action) -> str:
    row = a.row
    status = (row["status"] or "planned").lower()
    due_date = _fmt_date(row["due_date"])
    if row["due_date_start"] and row["due_date_start"] != row["due_date"]:
        due_date = f"{_fmt_date(row['due_date_start'])} to {due_date}"
    late = ' <span class="late-tag">After the deadline</span>' if a.late else ""
    owner = ""
    if row["owner_name"] or row["owner_role"]:
        owner = f'<div class="muted small">Responsible: {_person(row["owner_name"], row["owner_role"])}</div>'
    extra = "".join(
        f'<div class="small"><span class="muted">{label}:</span> {_e(row[key])}</div>'
        for key, label in (("progress", "Progress reported"), ("measures", "Measure of success"))
        if row[key])
    cls = ' class="late"' if a.late else ""
    due_text = _e(row["due_text"]) or '<span class="missing">Blank</span>'
    due_date = _e(due_date) or '<span class="muted">No date</span>'
    out = (f'<tr{cls}><td class="num">{_e(row["seq"])}</td>'
           f'<td>{_e(row["text"])}{owner}{extra}</td><td>{due_text}</td>'
           f'<td class="nowrap">{due_date}{late}</td>'
           f'<td><span class="status st-{_e(status)}">{_e(STATUS_LABEL.get(status, status))}</span></td>'
           f'<td>{_prov(row["source_path"], row["page"])}</td></tr>')
    if a.findings:
        out += f'<tr class="finding-row"><td></td><td colspan="5">{_findings_html(a.findings)}</td></tr>'
    return out


def _response_html(resp: _Response, heading: str) -> str:
    r = resp.row
    method = ""
    if resp.method:
        method = MATCH_METHOD_TEXT.get(resp.method, resp.method)
        if resp.method == "text":
            method += f" ({resp.score:.0%})"
        method = f'<span class="muted small">{_e(method)}</span>'
    stated = ""
    if r["stated_target_date_text"] or r["stated_target_date"]:
        stated = (f"<dt>Deadline the plan gives</dt><dd>{_e(r['stated_target_date_text'])}"
                  f" <span class=\"muted\">{_e(_fmt_date(r['stated_target_date']))}</span></dd>")
    if resp.actions:
        actions = ('<table class="actions"><thead><tr><th>#</th><th>Action</th>'
                   '<th>Due (as written)</th><th>Due date</th><th>Status</th><th>Source</th>'
                   '</tr></thead><tbody>' + "".join(_action_row(a) for a in resp.actions)
                   + "</tbody></table>")
    else:
        actions = '<p class="missing">The plan lists no actions for this entry.</p>'
    return (f'<div class="response"><div class="resp-head"><h4>{heading} '
            f'<span class="ref small">{_e(r["ref_as_written"] or r["ref"])}</span></h4>'
            f'{method} {_prov(r["source_path"], r["page"])}</div>'
            f'<blockquote>{_e(r["text"])}</blockquote>'
            f'<dl class="people"><dt>Responsible</dt><dd>{_person(r["owner_name"], r["owner_role"])}</dd>'
            f'<dt>Executive sponsor</dt><dd>{_person(r["sponsor_name"], r["sponsor_role"])}</dd>'
            f'{stated}</dl>{_findings_html(resp.findings)}{actions}</div>')


def _filter_attrs(findings: list[dict]) -> str:
    kinds = sorted({f["kind"] for f in findings})
    worst = max((_sev_rank(f["severity"]) for f in findings), default=0)
    return f'data-kinds="{_e(" ".join(kinds))}" data-sev="{worst}"'


def _deadline_html(row: dict) -> str:
    text, d = row["target_date_text"], row["target_date"]
    if not (text or d):
        return '<span class="muted">No deadline given</span>'
    shown = _e(text or _fmt_date(d))
    if d and text and _fmt_date(d) != text:
        shown += f' <span class="muted">({_e(_fmt_date(d))})</span>'
    return f"Deadline: <strong>{shown}</strong>"


def _rec_html(insp: _Inspection, rec: _Rec) -> str:
    r = rec.row
    findings = rec.all_findings()
    worst = max((_sev_rank(f["severity"]) for f in findings), default=0)
    sev_cls = {3: "high", 2: "medium", 1: "low"}.get(worst, "none")
    kids = insp.children.get(r["ref"], [])

    if rec.answered:
        state = '<span class="pill ok">Response found</span>'
    elif kids:
        n_ok = sum(1 for k in kids if k.answered)
        state = f'<span class="pill neutral">Answered point by point: {n_ok} of {len(kids)}</span>'
    elif any(p is rec for p in insp.answered_points):
        state = f'<span class="pill ok">Answered with {_e(rec.parent["ref"])}</span>'
    else:
        state = '<span class="pill bad">No response in the plan</span>'

    parent = ""
    if rec.parent:
        parent = (f'<p class="parent"><a href="#{_e(_slug("rec", insp.row["inspection_id"], rec.parent["ref"]))}">'
                  f'{_e(rec.parent["ref"])}</a> {_e(rec.parent["text"])}</p>')
    meta = " · ".join(f"{label}: {_e(r[k])}" for k, label in (("impact", "Impact"), ("cost", "Cost"))
                      if r[k])
    benefits = ""
    if r["benefits"]:
        benefits = ('<details class="small"><summary>Expected benefits</summary><ul>'
                    + "".join(f"<li>{_e(b)}</li>" for b in r["benefits"]) + "</ul></details>")
    body = "".join(
        f'<p class="shared small">Answered by the plan\'s single entry for the whole of '
        f'<a href="#{_e(_slug("rec", insp.row["inspection_id"], rec.parent["ref"]))}">{_e(rec.parent["ref"])}</a>.</p>'
        if resp.shared and rec.parent
        else _response_html(resp, "The plan's response") for resp in rec.responses)
    deadline_sort = r["target_date"].isoformat() if r["target_date"] else "9999"
    level = "Point" if r["level"] == "bullet" else "Recommendation"
    return (f'<article class="rec card sev-{sev_cls}{" bullet" if rec.parent else ""}" '
            f'id="{_e(_slug("rec", insp.row["inspection_id"], r["ref"]))}" '
            f'data-filterable data-order="{rec.order}" data-deadline="{deadline_sort}" '
            f'data-unanswered="{int(rec.is_point and all(p is not rec for p in insp.answered_points))}" '
            f'{_filter_attrs(findings)}>'
            f'<header class="rec-head"><span class="ref big">{_e(r["ref"])}</span>'
            f'<span class="muted small">{level}</span>{state}'
            f'<span class="deadline">{_deadline_html(r)}</span>'
            f'{_prov(r["source_path"], r["page"])}</header>'
            f'{parent}<p class="rec-text">{_e(r["text"])}</p>'
            + (f'<p class="muted small">{meta}</p>' if meta else "") + benefits
            + _findings_html(rec.findings) + body + "</article>")


# Timeline geometry, in SVG user units (the SVG scales to the page width).
_TL_WIDTH, _TL_LABEL, _TL_NOTE, _TL_ROW, _TL_TOP = 1100, 64, 190, 24, 34
_STATUS_FILL = {"completed": "#2e7d32", "ongoing": "#1565c0", "planned": "#ffffff"}
_LATE = "#c62828"


def _timeline_rows(insp: _Inspection) -> list[tuple[_Rec, list[_Action]]]:
    """One row per recommendation point; a headline gets a row only for actions its points lack."""
    rows = []
    for rec in insp.recs:
        acts = [a for resp in rec.responses for a in resp.actions]
        if rec.is_point:
            rows.append((rec, acts))
            continue
        on_kids = {a.row["action_id"] for k in insp.children.get(rec.row["ref"], [])
                   for resp in k.responses for a in resp.actions}
        own = [a for a in acts if a.row["action_id"] not in on_kids]
        if own:
            rows.append((rec, own))
    return rows


def _month_start(d: date, back: int = 0) -> date:
    m = d.year * 12 + d.month - 1 - back
    return date(m // 12, m % 12 + 1, 1)


def _timeline_svg(insp: _Inspection) -> str:
    rows = _timeline_rows(insp)
    dates = [d for rec, acts in rows for d in
             [rec.row["target_date"]] + [a.row["due_date"] for a in acts] + [a.row["due_date_start"] for a in acts]
             if d]
    if not rows or not dates:
        return '<p class="muted">No dates to chart: neither the deadlines nor the actions name a date.</p>'
    lo = _month_start(min(dates))
    hi = _month_start(max(dates), back=-1)
    span = (hi - lo).days or 1
    x0, x1 = _TL_LABEL + 10, _TL_WIDTH - _TL_NOTE - 10
    height = _TL_TOP + _TL_ROW * len(rows) + 10

    def x(d: date) -> float:
        return round(x0 + (x1 - x0) * (d - lo).days / span, 1)

    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    step = 1 if months <= 12 else 3 if months <= 36 else 12
    parts = [f'<svg class="timeline" viewBox="0 0 {_TL_WIDTH} {height}" role="img" '
             f'aria-label="Action due dates against each recommendation\'s deadline" '
             f'preserveAspectRatio="xMinYMin meet">']
    tick = lo
    while tick <= hi:
        if (tick.month - 1) % step == 0:
            label = f"{tick:%b %Y}" if step < 12 else f"{tick.year}"
            parts.append(f'<line class="grid" x1="{x(tick)}" y1="{_TL_TOP - 6}" x2="{x(tick)}" y2="{height - 6}"/>'
                         f'<text class="tick" x="{x(tick)}" y="{_TL_TOP - 12}">{_e(label)}</text>')
        tick = _month_start(tick, back=-1)

    for n, (rec, acts) in enumerate(rows):
        r = rec.row
        y = _TL_TOP + n * _TL_ROW + _TL_ROW / 2
        anchor = _slug("rec", insp.row["inspection_id"], r["ref"])
        parts.append(f'<g class="tl-row{" odd" if n % 2 else ""}">'
                     f'<rect class="band" x="0" y="{y - _TL_ROW / 2}" width="{_TL_WIDTH}" height="{_TL_ROW}"/>'
                     f'<a href="#{_e(anchor)}"><text class="rowlabel" x="{_TL_LABEL}" y="{y + 4}">{_e(r["ref"])}</text></a>'
                     f'<line class="axis" x1="{x0}" y1="{y}" x2="{x1}" y2="{y}"/>')
        deadline = r["target_date"]
        if deadline:
            dx = x(deadline)
            parts.append(f'<rect class="overdue-zone" x="{dx}" y="{y - 7}" width="{round(x1 - dx, 1)}" height="14"/>')
        for a in acts:
            due, start = a.row["due_date"], a.row["due_date_start"]
            if not due:
                continue
            status = (a.row["status"] or "planned").lower()
            tip = _e(f'{r["ref"]} action {a.row["seq"]}: {a.row["text"]} - due {a.row["due_text"]}'
                     + (" - AFTER THE DEADLINE" if a.late else ""))
            if a.late:
                parts.append(f'<line class="late-line" x1="{x(deadline)}" y1="{y}" x2="{x(due)}" y2="{y}"/>')
            if start and start < due:
                parts.append(f'<line class="span st-{_e(status)}" x1="{x(start)}" y1="{y}" x2="{x(due)}" y2="{y}"/>')
            parts.append(f'<circle class="dot st-{_e(status)}{" late" if a.late else ""}" cx="{x(due)}" cy="{y}" '
                         f'r="{6 if a.late else 5}"><title>{tip}</title></circle>')
        if deadline:
            dx = x(deadline)
            parts.append(f'<path class="dl-mark" d="M{dx} {y - 8} l5 8 l-5 8 l-5 -8 z">'
                         f'<title>{_e(r["ref"])} deadline: {_e(r["target_date_text"] or _fmt_date(deadline))}</title></path>')
        notes = []
        if not deadline:
            notes.append(f'deadline {r["target_date_text"]}' if r["target_date_text"] else "no deadline")
        undated = sum(1 for a in acts if not a.row["due_date"])
        if undated:
            notes.append(f"{undated} undated")
        if not rec.responses:
            notes.append("no response")
        elif not acts:
            notes.append("no actions")
        late = sum(1 for a in acts if a.late)
        if late:
            notes.insert(0, f"{late} late")
        if notes:
            parts.append(f'<text class="note{" late-note" if late else ""}" x="{x1 + 14}" y="{y + 4}">'
                         f'{_e(" · ".join(notes))}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    legend = (
        '<div class="tl-legend small">'
        '<span><svg width="14" height="16"><path class="dl-mark" d="M7 0 l5 8 l-5 8 l-5 -8 z"/></svg> '
        "Inspectors' deadline</span>"
        '<span><svg width="14" height="14"><circle class="dot st-completed" cx="7" cy="7" r="5"/></svg> Completed</span>'
        '<span><svg width="14" height="14"><circle class="dot st-ongoing" cx="7" cy="7" r="5"/></svg> Ongoing</span>'
        '<span><svg width="14" height="14"><circle class="dot st-planned" cx="7" cy="7" r="5"/></svg> Planned</span>'
        '<span><svg width="30" height="14"><rect class="overdue-zone" x="0" y="2" width="30" height="10"/>'
        '<circle class="dot st-planned late" cx="20" cy="7" r="5"/></svg> Due after the deadline</span>'
        '<span class="muted">Hover over a dot for the action; click a reference to jump to it.</span></div>')
    return f'<div class="timeline-wrap">{"".join(parts)}</div>{legend}'


def _doc_line(label: str, doc: dict | None) -> str:
    if not doc:
        return f"<div><dt>{label}</dt><dd class=\"muted\">Not supplied</dd></div>"
    bits = [f'<strong title="{_e(doc["source_path"])}">{_e(doc["source_name"])}</strong>']
    if doc["title"]:
        bits.append(_e(doc["title"]))
    if doc["published"]:
        bits.append(f"published {_e(doc['published'])}")
    if doc["page_start"]:
        pages = (f"pages {doc['page_start']}-{doc['page_end']}"
                 if doc["page_end"] and doc["page_end"] != doc["page_start"] else f"page {doc['page_start']}")
        bits.append(pages)
    if doc["inspection_dates"]:
        bits.append(f"inspected {_e(doc['inspection_dates'])}")
    return f"<div><dt>{label}</dt><dd>{' · '.join(bits)}</dd></div>"


def _review_notes(insp: _Inspection) -> str:
    notes = []
    for doc in insp.docs.values():
        name = _e(doc["source_name"])
        if doc["status"] == "error":
            notes.append(f"<li><strong>{name}</strong> could not be read: {_e(doc['error'])}</li>")
        if doc["needs_review"]:
            reasons = "; ".join(doc["review_reasons"] or []) or "extraction looks incomplete"
            notes.append(f"<li><strong>{name}</strong>: {_e(reasons)}</li>")
        if doc["ref_gaps"]:
            notes.append(f"<li><strong>{name}</strong>: numbering skips {_e(', '.join(doc['ref_gaps']))}</li>")
        if doc["ref_repeats"]:
            notes.append(f"<li><strong>{name}</strong>: numbers used twice: {_e(', '.join(doc['ref_repeats']))}</li>")
    if not notes:
        return ""
    return ('<div class="notice"><strong>Check these by hand</strong> - the tool may have misread '
            f'part of a document:<ul>{"".join(notes)}</ul></div>')


def _kind_table(findings: list[dict]) -> str:
    if not findings:
        return '<p class="all-clear">No problems found.</p>'
    counts = Counter((f["kind"], (f["severity"] or "low").lower()) for f in findings)
    kinds = sorted({k for k, _ in counts}, key=lambda k: (-max(_sev_rank(s) for kk, s in counts if kk == k), k))
    rows = "".join(
        f'<tr><td><button type="button" class="linklike" data-set-kind="{_e(k)}">{_e(_kind_label(k))}</button></td>'
        + "".join(f'<td class="num">{counts.get((k, s), 0) or ""}</td>' for s in SEVERITIES) + "</tr>"
        for k in kinds)
    head = "".join(f'<th class="num"><span class="badge sev-{s}">{s.capitalize()}</span></th>' for s in SEVERITIES)
    return f'<table class="kinds"><thead><tr><th>Problem</th>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _inspection_html(insp: _Inspection) -> str:
    iid = insp.row["inspection_id"]
    c = _coverage_counts(insp)
    landlord = insp.row["landlord"] or "Unknown landlord"
    pct = round(100 * c["answered"] / c["points"]) if c["points"] else 0
    tiles = (
        f'<div class="tile"><div class="tile-num">{c["points"]}</div><div>recommendations to answer</div></div>'
        f'<div class="tile ok"><div class="tile-num">{c["answered"]}</div><div>have a response</div></div>'
        f'<div class="tile {"bad" if c["unanswered"] else "ok"}"><div class="tile-num">{c["unanswered"]}</div>'
        f'<div>have no response</div></div>'
        + "".join(f'<div class="tile sev-{s}"><div class="tile-num">{c[s]}</div><div>{s} problems</div></div>'
                  for s in SEVERITIES))
    bar = (f'<div class="coverage-bar" title="{pct}% of recommendations answered">'
           f'<div style="width:{pct}%"></div></div>'
           f'<p class="small muted">{pct}% of recommendations have a response. Counted point by point: '
           "a recommendation with bullet points is answered through its points.</p>")
    orphans = ""
    if insp.orphans:
        cards = "".join(
            f'<article class="card orphan" data-filterable data-order="{n}" data-deadline="9999" '
            f'data-unanswered="0" {_filter_attrs(o.findings + [f for a in o.actions for f in a.findings])}>'
            f'{_response_html(o, "Plan entry")}</article>'
            for n, o in enumerate(insp.orphans))
        orphans = ("<h3>Plan entries that answer no recommendation</h3>"
                   f'<div class="cards">{cards}</div>')
    loose = ""
    if insp.loose_findings:
        loose = ('<h3>Other problems</h3><div class="cards"><article class="card" data-filterable '
                 f'data-order="0" data-deadline="9999" data-unanswered="0" {_filter_attrs(insp.loose_findings)}>'
                 f'{_findings_html(insp.loose_findings)}</article></div>')
    return (
        f'<section class="inspection" id="{_e(_slug("insp", iid))}">'
        f'<h2>{_e(landlord)}</h2>'
        f'<dl class="docs">{_doc_line("Inspection report", insp.docs.get("report_doc_id"))}'
        f'{_doc_line("Action plan", insp.docs.get("plan_doc_id"))}'
        + (_doc_line("Cover report", insp.docs["cover_doc_id"]) if "cover_doc_id" in insp.docs else "")
        + f'</dl><h3>At a glance</h3><div class="tiles">{tiles}</div>{bar}'
        f'<div class="glance"><div><h4>Problems found, by type</h4>{_kind_table(insp.findings)}</div>'
        f'<div>{_review_notes(insp)}</div></div>'
        f"<h3>When actions are due, against the inspectors' deadlines</h3>{_timeline_svg(insp)}"
        "<h3>Each recommendation and the landlord's response</h3>"
        f'<div class="cards recs">{"".join(_rec_html(insp, r) for r in insp.recs)}'
        '<p class="empty" hidden>Nothing here matches the filters.</p></div>'
        f"{orphans}{loose}</section>")


def _legend_html() -> str:
    kinds = "".join(f"<tr><th>{_e(label)}</th><td>{_e(text)}</td></tr>"
                    for label, text in FINDING_KINDS.values())
    sevs = "".join(f'<tr><th><span class="badge sev-{s}">{s.capitalize()}</span></th><td>{_e(t)}</td></tr>'
                   for s, t in SEVERITY_TEXT.items())
    return ('<details class="legend" open><summary>What the problems mean</summary>'
            f'<div class="legend-grid"><table>{kinds}</table><table>{sevs}</table></div></details>')


def _template(name: str) -> str:
    return resources.files("acplans").joinpath("templates", name).read_text(encoding="utf-8")


def render_html(tables: OutputTables, title: str = "Inspection recommendations and action plans") -> str:
    """The officers' report as one self-contained HTML page."""
    inspections = _build(tables)
    kinds = sorted({f["kind"] for i in inspections for f in i.findings}, key=_kind_label)
    kind_options = "".join(f'<option value="{_e(k)}">{_e(_kind_label(k))}</option>' for k in kinds)
    if len(inspections) > 1:
        rows = "".join(
            f'<tr><td><a href="#{_e(_slug("insp", i.row["inspection_id"]))}">{_e(i.row["landlord"] or i.row["inspection_id"])}</a></td>'
            + "".join(f'<td class="num">{v}</td>' for v in _coverage_counts(i).values())
            + "</tr>" for i in inspections)
        overview = ('<table class="overview"><thead><tr><th>Landlord</th><th class="num">Recommendations</th>'
                    '<th class="num">Answered</th><th class="num">No response</th><th class="num">High</th>'
                    f'<th class="num">Medium</th><th class="num">Low</th></tr></thead><tbody>{rows}</tbody></table>')
    else:
        overview = ""
    failed = [d for d in _records(tables.documents) if d["status"] == "error"]
    if failed:
        items = "".join(f'<li><strong title="{_e(d["source_path"])}">{_e(d["source_name"])}</strong>: '
                        f'{_e(d["error"] or "unknown error")}</li>' for d in failed)
        overview = (f'<div class="notice"><strong>Files that could not be read</strong> - anything in them '
                    f'is missing from this report:<ul>{items}</ul></div>') + overview
    body = "".join(_inspection_html(i) for i in inspections) or (
        '<p class="notice">This output holds no inspections: no report or action plan was recognised.</p>')
    return Template(_template("officers_report.html")).substitute(
        title=_e(title),
        css=_template("officers_report.css"),
        js=_template("officers_report.js"),
        kind_options=kind_options,
        overview=overview,
        legend=_legend_html(),
        body=body,
    )


__all__ = ["OutputTables", "OutputNotFound", "load_output", "render_html", "write_xlsx",
           "check_summary", "FINDING_KINDS"]
