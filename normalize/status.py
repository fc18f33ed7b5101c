"""Whether a plan's due/progress text says the work is done, ongoing or still to do.

Rules (derived from the hand-checked sample plans, written to generalise):

1. The text is cut into milestones: sentences ending in ``.``, ``;``, ``!``,
   ``?`` or a line break (an abbreviation such as ``Sept.`` does not end one).
2. A milestone *states completion* when it has
   - a parenthetical verdict: ``(completed)``, ``(Complete)``, ``(done)``,
     ``(in place)``, ``(achieved)``, ``(implemented)``, ``(delivered)``;
   - ``completed`` / ``complete`` (the latter only as a predicate, followed by
     punctuation or the end, since ``Complete the survey`` is an order),
     ``done``, ``achieved``, or a clause-initial ``Competed`` (a common slip
     for ``Completed``);
   - a perfect or past passive: ``has been delivered``, ``have received``,
     ``was sent out``, ``were held`` (but not ``was due``/``was scheduled``/
     ``has been delayed`` ..., which describe a plan, not a result);
   - a state that only exists once the work is done: ``in place``,
     ``in use``, ``is now live``, ``operational``;
   - a start-type event told in the past: ``commenced``, ``began``,
     ``went live``, ``took place``.
   None of these count when a future or conditional word comes within the
   few words before them (``to be completed by``, ``will be in place``,
   ``once complete``, ``not yet done``) or, for ``in place``, when it is the
   object of ``put``/``get`` (``put in place a framework``). A bare past
   participle in headline style (``Module delivered in August 2010.``,
   ``Report published by 1st October``) is a target, not a result.
3. A milestone *states ongoing* work when it says ``ongoing``,
   ``in progress``, ``underway``, ``continuing``, ``is being ...``,
   ``partially/partly ...``, or names a recurrence with no end
   (``weekly``, ``monthly``, ``quarterly``, ``annually``, ``each year``,
   ``on a rolling basis``). A named quarter (``Quarter 3 report``) is a
   date, not a recurrence.
4. A milestone with both takes whichever is said first: ``Completed and to be
   monitored monthly`` and ``June 2010 (completed), to be refreshed each
   year`` are completed work with after-care; ``partially completed`` is
   ongoing.
5. The whole text is ``ongoing`` when any milestone is ongoing; ``completed``
   when at least one milestone states completion and every other milestone
   does too; otherwise ``planned`` -- so a list whose early milestones are
   ``(completed)`` but whose later ones are not is still planned.
"""
from __future__ import annotations

import re

from acplans.extract.lexicon import (COMPLETION_WORDS, IN_EFFECT_WORDS, MONTH_ABBREVIATIONS, ONGOING_WORDS,
                                      RECURRENCE_WORDS, STARTED_WORDS)

COMPLETED = "completed"
ONGOING = "ongoing"
PLANNED = "planned"
STATUSES = (COMPLETED, ONGOING, PLANNED)

# Abbreviations after which a full stop does not end a milestone.
_ABBREVIATIONS = re.compile(
    rf"(?i)(?:\b(?:{'|'.join(MONTH_ABBREVIATIONS)}|no|nos|e\.g|i\.e|etc|approx|inc|ltd|st|vs)"
    r"\.)$"
)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n\s*")

_PARENTHETICAL_DONE = re.compile(
    rf"(?i)\(\s*(?:now\s+|all\s+|fully\s+)?(?:complete|{COMPLETION_WORDS}|{IN_EFFECT_WORDS}|implemented|delivered)\s*\)"
)
_IRREGULAR_PARTICIPLES = (
    "sent|held|done|given|made|built|set|put|run|taken|undertaken|written|rewritten|seen|brought|"
    "paid|won|begun|met|spent|led|taught|chosen|drawn|shown|known|bought|sold|told|found|kept|"
    "understood|overseen|agreed|issued|received"
)
# Verbs that, after was/has been, describe an intention or a hold-up rather than a result.
_NOT_A_RESULT = (
    r"due|scheduled|planned|expected|intended|anticipated|proposed|delayed|postponed|deferred|"
    r"rescheduled|moved|asked|requested|hoped|supposed|meant|extended|cancelled|put\s+back|"
    r"unable|not|yet|required|needed"
)
_COMPLETION = re.compile(
    r"(?i)"
    rf"\b(?:{COMPLETION_WORDS})\b"
    r"|\bcomplete\b(?=\s*(?:$|[.,;:!)\-–—]|and\b|\())"
    r"|^\W*competed\b"
    rf"|\b(?:has|have|had|was|were)\s+(?:now\s+|already\s+|successfully\s+|recently\s+)?(?:been\s+)?"
    rf"(?!(?:{_NOT_A_RESULT})\b)(?:\w+ed|{_IRREGULAR_PARTICIPLES})\b"
    rf"|\b{IN_EFFECT_WORDS}\b"
    r"|\b(?:is|are)\s+(?:now\s+)?(?:live|operational|established|up\s+and\s+running)\b"
    rf"|\b(?:{STARTED_WORDS})\b"
)
# Words that make a following completion word a target or a condition.
_FUTURE_OR_CONDITION = re.compile(
    r"(?i)\b(?:to|will|shall|should|must|would|could|(?-i:may)|might|can|cannot|not|yet|once|when|"
    r"until|if|unless|before|after|being)\b"
)
_PUT_IN_PLACE = re.compile(r"(?i)\b(?:put|puts|putting|get|gets|getting)\s+$")
_WINDOW_WORDS = 3

_ONGOING = re.compile(
    r"(?i)"
    rf"\b(?:{ONGOING_WORDS})\b|\bprogressing\b"
    r"|\bcontinu(?:ing|es)\b|\bwill\s+continue\b"
    r"|\b(?:is|are)\s+(?:currently\s+|still\s+)?being\b"
    r"|\b(?:partially|partly|largely|mostly|substantially)\b"
    rf"|\b(?:{RECURRENCE_WORDS})\b"
    r"|\b(?:each|every)\s+(?:week|fortnight|month|quarter|year)\b"
    r"|\bon\s+an?\s+(?:regular|rolling|ongoing|continuous|continual)\s+basis\b"
)


def milestones(text: str) -> list[str]:
    """Sentences of ``text``, not split after abbreviations like ``Sept.``."""
    pieces: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if pieces and _ABBREVIATIONS.search(pieces[-1][-12:]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces


def _first_completion(sentence: str) -> int | None:
    for match in _COMPLETION.finditer(sentence):
        before = sentence[: match.start()]
        window = " ".join(re.findall(r"[\w']+", before)[-_WINDOW_WORDS:])
        if _FUTURE_OR_CONDITION.search(window):
            continue
        if re.match(r"(?i)in\s", match.group(0)) and _PUT_IN_PLACE.search(before):
            continue
        return match.start()
    return None


def _milestone_status(sentence: str) -> str | None:
    parenthetical = _PARENTHETICAL_DONE.search(sentence)
    positions = [parenthetical.start()] if parenthetical else []
    stated = _first_completion(sentence)
    if stated is not None:
        positions.append(stated)
    completed_at = min(positions, default=None)
    ongoing = _ONGOING.search(sentence)
    if completed_at is not None and (ongoing is None or completed_at < ongoing.start()):
        return COMPLETED
    if ongoing is not None:
        return ONGOING
    return PLANNED if re.search(r"\w", sentence) else None


def classify_status(text: str | None) -> str:
    """``completed``, ``ongoing`` or ``planned`` for a due/progress text (rules in the module doc)."""
    if not text:
        return PLANNED
    statuses = [s for s in map(_milestone_status, milestones(text)) if s is not None]
    if ONGOING in statuses:
        return ONGOING
    if statuses and all(s == COMPLETED for s in statuses):
        return COMPLETED
    return PLANNED
