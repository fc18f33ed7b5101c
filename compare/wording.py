"""Does the plan's restatement change what the inspector asked for?

Four signs, each looked for on lemmas with synonyms folded, so rewording
(tense, "customers" for "tenants", a dropped article) never counts:

- a hedge the report does not use ("consider whether to", "where possible");
- an obligation weakened ("ensure" gone, "encourage" in its place);
- a run of content words of the recommendation absent from the restatement
  (a clause or list item dropped);
- a universal scope narrowed ("all buildings" -> "some buildings", "main offices").
"""
from __future__ import annotations

from functools import lru_cache

from acplans.schemas.rows import FindingRow, RecommendationRow, ResponseRow

from .scope import InspectionScope, quote
from .text import is_content, lemma, tokens

HEDGE_PHRASES = (
    "consider", "explore", "where possible", "if possible", "as far as possible",
    "where appropriate", "if appropriate", "where feasible", "aim to", "seek to", "try to",
    "endeavour", "attempt to", "review the need", "look at", "subject to",
)
STRONG_WORDS = ("ensure", "must", "guarantee", "require")
WEAK_WORDS = ("encourage", "promote", "support", "help", "should", "may", "could", "facilitate",
              "aim", "seek", "try", "hope", "endeavour", "attempt", "strive")
UNIVERSAL = frozenset({"all", "every", "each"})
NARROWING = frozenset({"some", "main", "certain", "selected", "key", "most", "several", "few",
                       "priority", "major", "principal", "particular", "specific"})
# Consecutive content words of the recommendation missing from the
# restatement before it counts as a dropped clause; shorter gaps are rewording.
DROPPED_RUN = 3
# How far after a quantifier its noun may stand ("all gas appliances").
_SCOPE_WINDOW = 3


# Lemmatised on first use, not at import: lemmas need spaCy's tables, which
# commands that never compare should not load.
@lru_cache(maxsize=1)
def hedges() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(lemma(w) for w in phrase.split()) for phrase in HEDGE_PHRASES)


@lru_cache(maxsize=1)
def strong_and_weak() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(map(lemma, STRONG_WORDS)), frozenset(map(lemma, WEAK_WORDS))


def _count(seq: list[str], phrase: tuple[str, ...]) -> int:
    n = len(phrase)
    return sum(tuple(seq[i:i + n]) == phrase for i in range(len(seq) - n + 1))


def _hedges_added(rec_lemmas: list[str], resp_lemmas: list[str], resp_words: list[str]) -> list[str]:
    added = []
    for phrase in hedges():
        if _count(resp_lemmas, phrase) > _count(rec_lemmas, phrase):
            start = next(i for i in range(len(resp_lemmas)) if tuple(resp_lemmas[i:i + len(phrase)]) == phrase)
            added.append(f'adds the hedge "{" ".join(resp_words[start:start + len(phrase)])}"')
    return added


def _obligation_weakened(rec_lemmas: list[str], resp_lemmas: list[str]) -> list[str]:
    strong, weak = strong_and_weak()
    lost = [w for w in strong if w in rec_lemmas and w not in resp_lemmas]
    gained = [w for w in weak if w in resp_lemmas and w not in rec_lemmas]
    if lost and gained:
        return [f'replaces "{sorted(lost)[0]}" with "{sorted(gained)[0]}"']
    return []


def _dropped_runs(rec_tokens, resp_lemmas: list[str]) -> list[str]:
    present = set(resp_lemmas)
    runs, current = [], []
    for word, lem in rec_tokens:
        if not is_content(word, lem):
            continue
        if lem in present:
            if len(current) >= DROPPED_RUN:
                runs.append(current)
            current = []
        else:
            current.append(word)
    if len(current) >= DROPPED_RUN:
        runs.append(current)
    return [f'drops "{" ".join(run)}"' for run in runs]


def _scope_narrowed(rec_tokens, resp_tokens) -> list[str]:
    rec_lemmas = [lem for _, lem in rec_tokens]
    resp_lemmas = [lem for _, lem in resp_tokens]
    narrowed = []
    for i, (word, _) in enumerate(rec_tokens):
        if word not in UNIVERSAL:
            continue
        found = next(((w, lem) for w, lem in rec_tokens[i + 1:i + 1 + _SCOPE_WINDOW] if is_content(w, lem)), None)
        if found is None:
            continue
        noun_word, noun = found
        if noun in resp_lemmas:
            for j, lem in enumerate(resp_lemmas):
                before = {w for w, _ in resp_tokens[max(0, j - _SCOPE_WINDOW):j]}
                if lem == noun and not before & UNIVERSAL and before & NARROWING:
                    qualifier = sorted(before & NARROWING)[0]
                    narrowed.append(f'narrows "{word} {noun_word}" to "{qualifier} {noun_word}"')
                    break
        else:
            added = [j for j, (w, _) in enumerate(resp_tokens) if w in NARROWING and w not in rec_lemmas]
            if added:
                j = added[0]
                phrase = [w for w, _ in resp_tokens[j:j + 1 + _SCOPE_WINDOW]]
                tail = next((k for k, (w, lem) in enumerate(resp_tokens[j + 1:j + 1 + _SCOPE_WINDOW], 1)
                             if is_content(w, lem)), 0)
                narrowed.append(f'narrows "{word} {noun_word}" to "{" ".join(phrase[:tail + 1])}"')
    return narrowed


def divergences(recommendation: str, restatement: str) -> list[str]:
    """How ``restatement`` changes the commitment of ``recommendation``; empty when it keeps it."""
    rec_tokens, resp_tokens = tokens(recommendation), tokens(restatement)
    rec_lemmas = [lem for _, lem in rec_tokens]
    resp_lemmas = [lem for _, lem in resp_tokens]
    return (_hedges_added(rec_lemmas, resp_lemmas, [w for w, _ in resp_tokens])
            + _obligation_weakened(rec_lemmas, resp_lemmas)
            + _dropped_runs(rec_tokens, resp_lemmas)
            + _scope_narrowed(rec_tokens, resp_tokens))


def _candidates(scope: InspectionScope, rec: RecommendationRow) -> list[str]:
    """Texts an entry may faithfully restate: a headline's entry often restates its bullets."""
    bullets = [r.text for r in scope.recommendations if r.parent_ref == rec.ref]
    if not bullets:
        return [rec.text]
    return [rec.text, *bullets, " ".join([rec.text, *bullets])]


def find_wording_divergence(scope: InspectionScope) -> list[FindingRow]:
    if not scope.compares_with_report:
        return []
    findings = []
    for resp in scope.responses:
        rec = scope.primary_rec(resp)
        if rec is None or not resp.text.strip() or not rec.text.strip():
            continue
        per_candidate = [divergences(text, resp.text) for text in _candidates(scope, rec)]
        if all(per_candidate):
            findings.append(_finding(scope, rec, resp, per_candidate[0]))
    return findings


def _finding(scope: InspectionScope, rec: RecommendationRow, resp: ResponseRow, how: list[str]) -> FindingRow:
    return scope.finding(
        "wording_diverges", row=resp, ref=resp.ref, rec_id=rec.rec_id, response_id=resp.response_id,
        message=(f"The plan ({scope.where(resp)}) restates {rec.ref} as {quote(resp.text)}, but the report "
                 f"({scope.where(rec)}) says {quote(rec.text)}: the plan " + ", ".join(how) + "."))
