"""Matching a plan's entries to the report's recommendations.

A ref match is taken at its word unless the entry's text plainly restates a
different recommendation (plans that number their entries 1..n produce refs
that collide with the report's headlines). Entries without a usable ref are
matched by wording; a headline's entry covers those of its bullets that have
no entry of their own.
"""
from __future__ import annotations

from acplans.schemas.rows import MatchRow, RecommendationRow, ResponseRow

from .text import similarity

# Similarity of content lemmas at which two texts are the same
# recommendation. On the samples, restatements score 0.98-1.0 against their
# own recommendation and at most 0.70 against any other.
TEXT_MATCH = 0.8
# Below this, an entry's text does not restate the recommendation its ref names.
REF_DISAGREES = 0.6


def _family(rec: RecommendationRow, bullets: dict[str, list[RecommendationRow]]) -> list[RecommendationRow]:
    return [rec, *bullets.get(rec.ref, [])]


def _row(inspection_id: str, rec: RecommendationRow, resp: ResponseRow, method: str, score: float) -> MatchRow:
    return MatchRow(inspection_id=inspection_id, rec_id=rec.rec_id, response_id=resp.response_id,
                    method=method, score=round(score, 3), source_path=resp.source_path, page=resp.page)


def _ref_disagrees(resp: ResponseRow, family: list[RecommendationRow],
                   recs: list[RecommendationRow]) -> bool:
    """True when the entry's wording restates a recommendation outside its ref's family."""
    if not resp.text.strip():
        return False
    own = max(similarity(resp.text, r.text) for r in family)
    if own >= REF_DISAGREES:
        return False
    family_ids = {r.rec_id for r in family}
    elsewhere = max((similarity(resp.text, r.text) for r in recs if r.rec_id not in family_ids), default=0.0)
    return elsewhere >= TEXT_MATCH


def match_responses(inspection_id: str, recommendations: list[RecommendationRow],
                    responses: list[ResponseRow]) -> list[MatchRow]:
    """MatchRows linking each response to the recommendations it answers."""
    by_ref = {r.ref: r for r in recommendations}
    bullets: dict[str, list[RecommendationRow]] = {}
    for r in recommendations:
        if r.parent_ref:
            bullets.setdefault(r.parent_ref, []).append(r)

    matches: list[MatchRow] = []
    answered: set[str] = set()
    by_text: list[ResponseRow] = []
    headline_entries: dict[str, ResponseRow] = {}
    for resp in responses:
        rec = by_ref.get(resp.ref)
        if rec is None or _ref_disagrees(resp, _family(rec, bullets), recommendations):
            by_text.append(resp)
            continue
        matches.append(_row(inspection_id, rec, resp, "ref", 1.0))
        answered.add(rec.rec_id)
        if rec.ref in bullets:
            headline_entries.setdefault(rec.ref, resp)

    matches += _match_by_text(inspection_id, recommendations, by_text, answered)

    for headline_ref, resp in headline_entries.items():
        for bullet in bullets[headline_ref]:
            if bullet.rec_id not in answered:
                matches.append(_row(inspection_id, bullet, resp, "headline", 1.0))
                answered.add(bullet.rec_id)
    return matches


def _match_by_text(inspection_id: str, recommendations: list[RecommendationRow],
                   responses: list[ResponseRow], answered: set[str]) -> list[MatchRow]:
    """Pair entries with recommendations by wording, best pairs first, one to one.

    An entry whose recommendation was already answered (a plan that splits
    one recommendation over two entries) may still match it, so that it is
    not reported as answering nothing.
    """
    scored = sorted(
        ((similarity(resp.text, rec.text), i, j)
         for i, resp in enumerate(responses) if resp.text.strip()
         for j, rec in enumerate(recommendations)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    matches: list[MatchRow] = []
    placed: set[int] = set()
    for score, i, j in scored:
        rec = recommendations[j]
        if score < TEXT_MATCH:
            break
        if i in placed or rec.rec_id in answered:
            continue
        matches.append(_row(inspection_id, rec, responses[i], "text", score))
        placed.add(i)
        answered.add(rec.rec_id)
    for score, i, j in scored:
        if score < TEXT_MATCH:
            break
        if i not in placed:
            matches.append(_row(inspection_id, recommendations[j], responses[i], "text", score))
            placed.add(i)
    return matches
