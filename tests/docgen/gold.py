"""A variant's printed plan, worded once, and its gold answers.

``word_plan`` fixes every word the plan prints (refs, owners, due texts) so
all renderers print the same; ``gold_of`` writes the gold JSON from the spec
and those words, with the findings a correct checker gives by the rules of
../shared/gold/README.md.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from .spec import Spec
from .words import Style, due_words, owner_words, plan_ref


@dataclass
class PrintedAction:
    text: str
    due_text: str
    start: date | None
    end: date | None
    status: str


@dataclass
class PrintedEntry:
    ref: str  # canonical
    ref_as_written: str
    text: str
    stated_text: str | None
    stated: date | None
    owner_text: str
    owner_name: str | None
    owner_role: str | None
    actions: list[PrintedAction]


def word_plan(spec: Spec, style: Style) -> list[PrintedEntry]:
    rng = random.Random(spec.seed * 7 + 1)
    entries = []
    for resp in spec.responses:
        owner_text, name, role = owner_words(rng, style, resp.owner)
        actions = []
        for a in resp.actions:
            text, start, end = due_words(rng, style, spec, a)
            actions.append(PrintedAction(a.text, text, start, end, a.status))
        entries.append(PrintedEntry(resp.ref, plan_ref(style, resp), resp.text,
                                    resp.stated.text if resp.stated else None,
                                    resp.stated.when if resp.stated else None,
                                    owner_text, name, role, actions))
    return entries


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def gold_of(spec: Spec, entries: list[PrintedEntry], files: list[str]) -> dict:
    recs = []
    for rec in spec.recommendations:
        when = _iso(rec.deadline.when)
        recs.append({"ref": rec.ref, "parent_ref": None, "text": rec.text, "target_date_text": rec.deadline.text,
                     "target_date": when, "impact": rec.impact, "cost": rec.cost})
        for b in rec.bullets:
            recs.append({"ref": b.ref, "parent_ref": rec.ref, "text": b.text, "target_date_text": rec.deadline.text,
                         "target_date": when, "impact": rec.impact, "cost": rec.cost})
    responses = [{"ref": e.ref, "ref_as_written": e.ref_as_written, "text": e.text,
                  "stated_target_date_text": e.stated_text, "stated_target_date": _iso(e.stated),
                  "owner_name": e.owner_name, "owner_role": e.owner_role, "sponsor_name": None}
                 for e in entries]
    actions = [{"ref": e.ref, "text": a.text, "due_text": a.due_text, "due_date": _iso(a.end), "status": a.status}
               for e in entries for a in e.actions]
    return {"inspection": f"docgen-{spec.seed}", "files": files, "landlord": spec.landlord,
            "recommendations": recs, "responses": responses, "actions": actions,
            "findings": findings_of(spec, entries)}


def findings_of(spec: Spec, entries: list[PrintedEntry]) -> list[dict]:
    deadline = {rec.ref: rec.deadline for rec in spec.recommendations}
    answered = {e.ref for e in entries}
    found: list[tuple[str, str | None]] = []
    for rec in spec.recommendations:
        for ref in [b.ref for b in rec.bullets] or [rec.ref]:
            if ref not in answered:
                found.append(("missing_response", ref))
    for e in entries:
        due = deadline[e.ref.split(".")[0]]
        if e.stated_text is not None and due.when is not None and e.stated != due.when:
            found.append(("target_date_mismatch", e.ref))
        if due.when is not None and any(a.start and a.start > due.when for a in e.actions):
            found.append(("action_after_deadline", e.ref))
        if not e.owner_text:
            found.append(("no_owner", e.ref))
        if any(a.end is None and a.status != "completed" for a in e.actions):
            found.append(("no_due_date", e.ref))
    n_actions = sum(len(e.actions) for e in entries)
    if spec.action_claim is not None and spec.action_claim != n_actions:
        found.append(("count_mismatch", None))
    if spec.points_claim is not None and spec.points_claim[1] != sum(len(r.bullets) for r in spec.recommendations):
        found.append(("count_mismatch", None))
    return [{"kind": k, "ref": r, "why": "planted by the generator"} for k, r in dict.fromkeys(found)]
