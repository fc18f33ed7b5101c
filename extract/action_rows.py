"""Plan table rows -> actions: the repairs printed tables need (rows shifted
a column, actions printed in the outcomes column, a parent row ending in
":" above its items, enumerated actions in one cell) and the status line an
action cell carries when the table has no due column.

Every step is a small function so each oddity of a printed table can be
tested on its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .columns import ColumnMap, Role, map_columns
from .lexicon import (BULLET_MARK, COMPLETION_WORDS, ENUMERATOR, IN_EFFECT_WORDS, MONTH, ONGOING_WORDS,
                      RECURRENCE_WORDS, STARTED_WORDS, YEAR_RE)
from .model import Block, BlockKind
from .records import RawAction, Source

DATE_RE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b(?:\s+\d{{4}})?"
    rf"|\b{MONTH}\s*/?\s*(?:{MONTH}\s+)?\d{{4}}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b(?:q[1-4]|quarter\s+[1-4])\b",
    re.IGNORECASE)
# Words by which a line in an action cell reports where the action stands.
STATUS_RE = re.compile(
    rf"\b(?:{COMPLETION_WORDS}|{IN_EFFECT_WORDS}|{STARTED_WORDS}|{ONGOING_WORDS}|held|sent|"
    r"ha(?:s|ve) been|ha(?:s|ve) received|to be done by)\b",
    re.IGNORECASE)
# An enumerator opening a paragraph; a dotted one must be followed by a word
# ("1. Review", not "1. 5 staff").
_ENUM_RE = re.compile(rf"^(?:{ENUMERATOR})(?:(?<=\))\s+|\s+(?=[A-Z]))", re.I)
# "ii)" after a space splits; "(ii)" is a cross-reference ("see 3A (ii) above").
_INLINE_ENUM_RE = re.compile(r"\s+(?=(?:ii|iii|iv|v|vi|vii|viii|ix|x)\)\s)")
_FILLER_RE = re.compile(rf"^(?:[\s.…_–—]|{BULLET_MARK})*$")
_BULLET_RE = re.compile(rf"^{BULLET_MARK}\s*")
_ITEM_END_RE = re.compile(r"\s*;\s*(?:and|or)?\s*$", re.I)


@dataclass
class PlanRow:
    """One body row as texts by column position, with where it was read."""

    texts: list[str]
    page: int | None
    locator: str

    def get(self, cols: list[int]) -> str:
        return "\n".join(self.texts[c] for c in cols if c < len(self.texts) and self.texts[c].strip())

    def is_blank(self) -> bool:
        return not any(t.strip() for t in self.texts)


def clean_cell(text: str) -> str:
    """Collapse whitespace inside paragraphs, drop bullet glyphs, and empty
    cells that hold only leader dots or dashes (row separators as printed)."""
    paras = [_BULLET_RE.sub("", " ".join(p.split())) for p in text.split("\n")]
    paras = [p for p in paras if p]
    if all(_FILLER_RE.match(p) for p in paras):
        return ""
    return "\n".join(paras)


def cells_to_rows(block: Block) -> list[PlanRow]:
    table = block.table
    width = table.n_cols
    rows = []
    for i, row in enumerate(table.rows):
        texts = [clean_cell(c.text) for c in row.cells] + [""] * (width - len(row.cells))
        first = row.cells[0] if row.cells else None
        locator = first.locator.rsplit("/c", 1)[0] if first and first.locator else f"{block.locator}/r{i}"
        rows.append(PlanRow(texts, row.page if row.page is not None else block.page, locator))
    return [r for r in rows if not r.is_blank()]


def looks_like_due(text: str) -> bool:
    """A short text naming a date or a state: what a By column holds."""
    text = text.strip()
    if not text or len(text.split()) > 12:
        return False
    return bool(DATE_RE.search(text) or YEAR_RE.search(text) or STATUS_RE.search(text)
                or re.match(rf"^(?:immediate(?:ly)?|annual|{ONGOING_WORDS}|{RECURRENCE_WORDS})\b", text, re.I))


def realign_shifted_row(row: PlanRow, cmap: ColumnMap) -> PlanRow:
    """Undo a row printed one column to the left: its date sits in the action
    column and its action text in the column before, the due cell empty."""
    action_cols, due_cols = cmap.cols(Role.ACTION), cmap.cols(Role.DUE)
    if len(action_cols) != 1 or not due_cols or row.get(due_cols):
        return row
    a = action_cols[0]
    if a == 0 or not looks_like_due(row.texts[a]) or not row.texts[a - 1].strip() or row.texts[-1].strip():
        return row
    return PlanRow(row.texts[:a - 1] + [""] + row.texts[a - 1:-1], row.page, row.locator)


def promote_outcome_to_action(row: PlanRow, cmap: ColumnMap, first: bool) -> PlanRow:
    """An action printed in the outcomes column with the action cell empty:
    on a row after the first, with a date in the due column, it is an action."""
    action_cols, outcome_cols = cmap.cols(Role.ACTION), cmap.cols(Role.OUTCOME)
    if first or len(action_cols) != 1 or len(outcome_cols) != 1 or row.get(action_cols):
        return row
    outcome = row.texts[outcome_cols[0]]
    if not outcome.strip() or not looks_like_due(row.get(cmap.cols(Role.DUE))):
        return row
    texts = list(row.texts)
    texts[action_cols[0]], texts[outcome_cols[0]] = outcome, ""
    return PlanRow(texts, row.page, row.locator)


def join_paragraphs(text: str) -> str:
    """One action from a cell's paragraphs: items after a line ending in ":"
    are joined with "; ", other paragraphs run on as sentences."""
    paras = text.split("\n")
    for k, p in enumerate(paras):
        if p.rstrip().endswith(":") and k + 1 < len(paras):
            items = [_ITEM_END_RE.sub("", q) for q in paras[k + 1:]]
            return " ".join(paras[:k + 1]) + " " + "; ".join(i for i in items if i)
    return " ".join(paras)


def split_enumerated(text: str) -> list[str]:
    """Split a cell at enumerators "i)", "ii)", "a)", "1." that open a
    paragraph (or, for roman numerals after the first, sit inside a line run
    together), removing them; a cell without enumerators is one item."""
    paras = []
    for p in text.split("\n"):
        paras.extend(_INLINE_ENUM_RE.split(p))
    items: list[list[str]] = []
    for p in paras:
        if _ENUM_RE.match(p) or not items:
            items.append([_ENUM_RE.sub("", p, count=1)])
        else:
            items[-1].append(p)
    return ["\n".join(i) for i in items if any(x.strip() for x in i)]


def _boundaries(text: str, para_starts: list[int]) -> list[int]:
    """Positions where a status line may begin: a paragraph or sentence
    start, or a capitalised word straight after a lower-case one (a line
    break lost when the cell was read as one paragraph)."""
    opens = r"[A-Z0-9‘“\"']"
    found = {p for p in para_starts if p < len(text) and re.match(opens, text[p])}
    found |= {m.end() for m in re.finditer(rf"[.!?:;]\s+(?={opens})", text)}
    found |= {m.start(1) for m in re.finditer(rf"(?:^|\s)[a-z][\w’'-]*\)?\s+({opens})", text)}
    return sorted(found)


def split_status_line(text: str) -> tuple[str, str]:
    """Action text vs the status/date line(s) printed after it in one cell.

    The status line begins at the last paragraph, sentence or lost line break
    before the first status word or date that lies past the first paragraph;
    a sentence with neither (another thing to do) stays in the action."""
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    if not paras:
        return "", ""
    joined, starts = "", []
    for p in paras:
        starts.append(len(joined) + (1 if joined else 0))
        joined = f"{joined} {p}" if joined else p
    floor = starts[1] if len(paras) > 1 else 1
    bounds = _boundaries(joined, starts)
    hits = sorted([m.start() for m in STATUS_RE.finditer(joined)] + [m.start() for m in DATE_RE.finditer(joined)])
    for k in hits:
        before = [b for b in bounds if floor <= b <= k]
        if before:
            b = before[-1]
            return joined[:b].strip(), joined[b:].strip()
    return joined, ""


@dataclass
class ActionDraft:
    text: str
    due: str
    progress: str
    measures: str
    owner: str
    page: int | None
    locator: str


def _draft(row: PlanRow, cmap: ColumnMap, action: str, due: str) -> ActionDraft:
    progress = row.get(cmap.cols(Role.PROGRESS) + cmap.cols(Role.STATUS))
    return ActionDraft(action, due, progress, row.get(cmap.cols(Role.MEASURES)),
                       row.get(cmap.cols(Role.OWNER)), row.page, row.locator)


def rows_to_actions(rows: list[PlanRow], cmap: ColumnMap) -> list[ActionDraft]:
    """Rows -> actions: realign shifted rows, take actions printed in the
    outcomes column, merge a parent ending in ":" with the row of bullet
    items below it, split enumerated actions, and when there is no due
    column read each action's status line from its own cell."""
    action_cols, due_cols = cmap.cols(Role.ACTION), cmap.cols(Role.DUE)
    drafts: list[ActionDraft] = []
    parent: ActionDraft | None = None
    for i, row in enumerate(rows):
        row = promote_outcome_to_action(realign_shifted_row(row, cmap), cmap, first=i == 0)
        action, due = row.get(action_cols), row.get(due_cols)
        if not action:
            if drafts and row.get(cmap.cols(Role.PROGRESS)):
                prev = drafts[-1]
                prev.progress = "\n".join(x for x in (prev.progress, row.get(cmap.cols(Role.PROGRESS))) if x)
            continue
        if parent is not None:
            items = [_ITEM_END_RE.sub("", p) for p in action.split("\n")]
            parent.text = f"{parent.text} " + "; ".join(p for p in items if p)
            parent.due = due
            parent.progress = "\n".join(x for x in (parent.progress, _draft(row, cmap, "", "").progress) if x)
            parent.measures = parent.measures or row.get(cmap.cols(Role.MEASURES))
            parent = None
            continue
        for item in split_enumerated(action):
            text = join_paragraphs(item)
            item_due = due
            if not due_cols:
                text, item_due = split_status_line(item)
                text = join_paragraphs(text) if "\n" in text else text
            drafts.append(_draft(row, cmap, text, item_due.replace("\n", " ")))
        if drafts[-1].text.endswith(":") and not due:
            parent = drafts[-1]
    return drafts


def to_raw_actions(drafts: list[ActionDraft], path: str) -> list[RawAction]:
    return [RawAction(seq=i, text=d.text, due_text=d.due, progress=d.progress or None,
                      measures=d.measures or None, owner_text=d.owner or None,
                      source=Source(path, d.page, d.locator))
            for i, d in enumerate(drafts, start=1)]


def _body_texts_if_unlabelled(table) -> list[list[str]] | None:
    """The cleaned body, which map_columns reads only for a column with no
    header words: cleaning every cell of every labelled table is wasted."""
    if all(h.strip() for h in table.header):
        return None
    return [[clean_cell(c.text) for c in r.cells] for r in table.rows]


def column_maps(blocks: list[Block]) -> dict[int, ColumnMap]:
    """Each table's column roles, by the id of its block."""
    return {id(b): map_columns(b.table.header, _body_texts_if_unlabelled(b.table))
            for b in blocks if b.kind is BlockKind.TABLE and b.table is not None}
