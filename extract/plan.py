"""Action plans: the landlord's entries answering each recommendation, and
the actions, dates, owners and progress printed in their tables.

Three layouts are recognised from what the document says, never from which
file it is:

* per-recommendation blocks: a ref-bearing paragraph (``R2.1 ...``,
  ``6.4 ...``, ``Recommendation 1A: ...``) under a group heading, a header of
  target date and responsible people, then a table of actions;
* the same with small tables whose action column carries its status or date
  line inside each cell (no due-date column);
* one long table with a ref or recommendation column and several rows per
  recommendation.

Columns get their roles from header words; nothing depends on a column's
position except the one-column shift that printed tables suffer, which is
undone relative to the action column. Every step is a small function so
each oddity of a printed table can be tested on its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .model import Block, BlockKind, Document, Table
from .records import DocumentPart, Extraction, RawAction, RawResponse, Source


class Role(StrEnum):
    ACTION = "action"
    DUE = "due"
    OWNER = "owner"
    PROGRESS = "progress"
    STATUS = "status"
    MEASURES = "measures"
    OUTCOME = "outcome"
    REF = "ref"
    RECOMMENDATION = "recommendation"
    METHOD = "method"  # "How we will do this": describes an action, is not one


# First match wins: "Progress taken to date" must be progress before "date"
# makes it a due column, "Action owner" an owner before "action" claims it,
# and "How ... will do this" a method before "will do" makes it the action.
_HEADER_ROLES: list[tuple[Role, re.Pattern]] = [
    (Role.REF, re.compile(r"^(?:ref(?:erence)?|no|number|#|item|rec(?:ommendation)?\s*(?:no|ref|number))\.?$")),
    (Role.MEASURES, re.compile(r"how do (?:we|you|i) know|measure|evidence|success|indicator|\bkpi")),
    (Role.PROGRESS, re.compile(r"progress|update|comment")),
    (Role.STATUS, re.compile(r"status|\brag\b")),
    (Role.DUE, re.compile(r"^by\b|\bby$|date|deadline|\bwhen\b|timescale|time ?frame|\bdue\b|completion")),
    (Role.OWNER, re.compile(r"responsib|\blead\b|owner|officer|\bwho\b|accountable")),
    (Role.METHOD, re.compile(r"^how\b")),
    (Role.ACTION, re.compile(r"action|will do|what we|\btasks?\b|activit|\bsteps?\b|proposed")),
    (Role.RECOMMENDATION, re.compile(r"recommendation|area for improvement|\bissue")),
    (Role.OUTCOME, re.compile(r"outcome|means for|benefit|result")),
]

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
DATE_RE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:\s+\d{{4}})?"
    rf"|\b{_MONTH}\s*/?\s*(?:{_MONTH}\s+)?\d{{4}}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b(?:q[1-4]|quarter\s+[1-4])\b",
    re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
# Words by which a line in an action cell reports where the action stands.
STATUS_RE = re.compile(
    r"\b(?:done|in place|completed|in progress|on-?going|held|sent|commenced|has been|have been|"
    r"ha(?:s|ve) received|to be done by)\b",
    re.IGNORECASE)

_GROUP_RE = re.compile(
    r"^(R?\d{1,2})\s+(?:audit\s+commission\s+)?recommendation\b\s*[:.–—-]?\s*(.*)$", re.I | re.S)
_NUMBERED_RE = re.compile(
    r"^(recommendation\s*(\d{1,2}[A-Z]?(?:\.\d{1,2})?))\b(?:\s*[:.–—-]\s*(.*)|\s*$)", re.I | re.S)
_R_REF_RE = re.compile(r"^(R\d{1,2}(?:\.\d{1,2})?\.?)\s+(?=[A-Z‘“\"'(])(.*)$", re.S)
_DOTTED_REF_RE = re.compile(r"^(\d{1,2}\.\d{1,2}\.?)\s+(?=[A-Z‘“\"'(])(.*)$", re.S)
_CELL_REF_RE = re.compile(
    r"^(?:rec(?:ommendation)?\.?\s*)?(R?\d{1,2}(?:\.\d{1,2})*[A-Z]?)\.?(?:\s*[:.–—-]?\s+(.*))?$", re.I | re.S)
_TARGET_RE = re.compile(r"(?:audit\s+commission\s+)?target\s+date\s*[:–—-]\s*(.+)$", re.I | re.S)
_OWNER_LINE_RE = re.compile(
    r"^(?:responsible(?:\s+officer)?|lead(?:\s+officer)?|owner|accountable)\s*[:–—-]\s*(.+)$", re.I | re.S)
_SPONSOR_RE = re.compile(r"^(?:executive\s+)?sponsor\s*[:–—-]?\s*(.+)$", re.I | re.S)
_ENUM_RE = re.compile(r"^\(?(?:[ivx]{1,5}|[a-h]|\d{1,2})\)\s+|^(?:[ivx]{1,5}|\d{1,2})\.\s+(?=[A-Z])", re.I)
# "ii)" after a space splits; "(ii)" is a cross-reference ("see 3A (ii) above").
_INLINE_ENUM_RE = re.compile(r"\s+(?=(?:ii|iii|iv|v|vi|vii|viii|ix|x)\)\s)")
_FILLER_RE = re.compile(r"^[\s.…·•_\-–—]*$")
_BULLET_RE = re.compile(r"^[•◦▪·●\uf0b7*-]\s*")
_ITEM_END_RE = re.compile(r"\s*;\s*(?:and|or)?\s*$", re.I)


# -- columns ---------------------------------------------------------------

@dataclass
class ColumnMap:
    """The role of each column (None: a column whose header says nothing we
    use)."""

    roles: list[Role | None]

    def cols(self, role: Role) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r is role]

    def has(self, role: Role) -> bool:
        return role in self.roles


def role_of_header(text: str) -> Role | None:
    words = re.sub(r"[^a-z0-9#/ ]+", " ", text.lower().replace("’", "'")).strip()
    words = re.sub(r"\s+", " ", words)
    for role, pattern in _HEADER_ROLES:
        if pattern.search(words):
            return role
    return None


def map_columns(header: list[str], rows: list[list[str]] | None = None) -> ColumnMap:
    """Header cells -> roles. An unlabelled column is a ref column when its
    cells hold refs, otherwise an extra progress column: printed plans use
    one for notes on how an action is going, never for its date."""
    roles: list[Role | None] = []
    for i, text in enumerate(header):
        if not text.strip():
            body = [r[i] for r in rows or [] if i < len(r) and r[i].strip()]
            refs = [t for t in body if _CELL_REF_RE.match(t.strip()) and len(t.split()) <= 2]
            roles.append(Role.REF if body and len(refs) > len(body) / 2 else Role.PROGRESS)
            continue
        roles.append(role_of_header(text))
    return ColumnMap(roles)


# Columns only an action plan's tables have: a table with none of them (a
# report's judgement table) does not make the paragraph before it an entry.
PLAN_ROLES = (Role.ACTION, Role.DUE, Role.OWNER, Role.PROGRESS, Role.STATUS)


# -- rows ------------------------------------------------------------------

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
    paras = [_BULLET_RE.sub("", re.sub(r"\s+", " ", p).strip()) for p in text.split("\n")]
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
    return bool(DATE_RE.search(text) or _YEAR_RE.search(text) or STATUS_RE.search(text)
                or re.match(r"^(?:immediate(?:ly)?|ongoing|on-going|monthly|quarterly|annual(?:ly)?)\b", text, re.I))


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


# -- entries ---------------------------------------------------------------

@dataclass
class Entry:
    """A plan entry: its ref-bearing block and the blocks up to the next."""

    ref_as_written: str
    text: str
    block: Block
    blocks: list[Block]
    heading_ref: str | None = None
    heading_text: str | None = None
    stated_target_text: str | None = None

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.TABLE]


def ref_shape(ref: str) -> str:
    """The numbering scheme of a ref, so stray numbered paragraphs can be
    told from entries: R2.1 / R1. -> "R", 6.4 -> "dotted", Recommendation
    1A -> "named"."""
    if ref.lower().startswith("rec"):
        return "named"
    return "R" if ref.upper().startswith("R") else "dotted"


def parse_entry_ref(text: str) -> tuple[str, str] | None:
    """(ref as written, restatement) of a paragraph opening with a ref."""
    text = text.strip()
    if _GROUP_RE.match(text):
        return None
    if m := _NUMBERED_RE.match(text):
        return re.sub(r"\s+", " ", m[1]), (m[3] or "").strip()
    for pattern in (_R_REF_RE, _DOTTED_REF_RE):
        if m := pattern.match(text):
            return m[1], m[2].strip()
    return None


def parse_group_heading(text: str) -> tuple[str, str, str | None] | None:
    """(ref, heading text, target date printed inside it) of a group heading
    such as "R2 AUDIT COMMISSION RECOMMENDATION: TEXT"."""
    m = _GROUP_RE.match(text.strip())
    if not m:
        return None
    rest, target = m[2].strip(), None
    if t := _TARGET_RE.search(rest):
        target = t[1].strip()
        rest = rest[:t.start()].strip()
    return m[1], rest, target


def _is_header_line(text: str) -> bool:
    return bool(_TARGET_RE.match(text) or _OWNER_LINE_RE.match(text))


def find_entries(blocks: list[Block]) -> list[Entry]:
    """Blocks -> entries. "Recommendation 1" with sub-entries "1A", "1B" is
    a group heading, as is "R2 AUDIT COMMISSION RECOMMENDATION: ..."; a
    target date line before an entry applies to the entries of its group."""
    texts = [b for b in blocks if b.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)]
    parsed = {id(b): parse_entry_ref(b.text) for b in texts}
    refs = [re.sub(r"^recommendation\s*", "", p[0], flags=re.I) for p in parsed.values() if p]
    sub_heads = {m[1] for r in refs if (m := re.match(r"^(\d{1,2})(?:[A-Z]|\.\d)", r))}
    entries: list[Entry] = []
    heading_ref = heading_text = target = None
    awaiting_heading_text = False
    for b in blocks:
        p = parsed.get(id(b))
        group = parse_group_heading(b.text) if b.kind is not BlockKind.TABLE else None
        if p and (m := re.fullmatch(r"recommendation\s*(\d{1,2})", p[0], re.I)) and m[1] in sub_heads:
            group, p = (m[1], p[1], None), None
        if group:
            heading_ref, heading_text, target = group
            awaiting_heading_text = not heading_text
            continue
        if p or b.kind is BlockKind.TABLE:
            # Only the block right after a bare group heading can be its text.
            awaiting_heading_text = False
        if p:
            entries.append(Entry(p[0], p[1], b, [], heading_ref, heading_text, target))
            continue
        if b.kind is not BlockKind.TABLE and (t := _TARGET_RE.match(b.text.strip())):
            target = t[1].strip()
            if entries and not entries[-1].tables():
                entries[-1].stated_target_text = target
            continue
        if awaiting_heading_text and b.kind is not BlockKind.TABLE and not _is_header_line(b.text):
            heading_text, awaiting_heading_text = b.text.strip(), False
            continue
        if entries:
            if not entries[-1].text and b.kind is not BlockKind.TABLE and not _is_header_line(b.text):
                entries[-1].text = b.text.strip()
                continue
            entries[-1].blocks.append(b)
    return entries


@dataclass
class EntryHeader:
    stated_target_text: str | None
    responsible_text: str | None
    sponsor_text: str | None


def split_people(text: str) -> tuple[str | None, str | None]:
    """"Name – Role | Executive Sponsor - Name" -> (responsible, sponsor)."""
    parts = [p.strip() for p in re.split(r"\s*\|\s*|(?<!\bexecutive)\s+(?=(?:executive\s+)?sponsor\b)",
                                         text, flags=re.I)]
    responsible = sponsor = None
    for part in parts:
        if m := _SPONSOR_RE.match(part):
            sponsor = m[1].strip() or None
        elif m := _OWNER_LINE_RE.match(part):
            responsible = m[1].strip() or None
        elif part and responsible is None:
            responsible = part
    return responsible, sponsor


def read_entry_header(entry: Entry) -> EntryHeader:
    """Target date (found with the entry, see ``find_entries``) and the
    responsible people printed between an entry's ref and its first table."""
    responsible = sponsor = None
    for b in entry.blocks:
        if b.kind is BlockKind.TABLE:
            break
        text = b.text.strip()
        if _OWNER_LINE_RE.match(text) or _SPONSOR_RE.match(text):
            r, s = split_people(text)
            responsible, sponsor = responsible or r, sponsor or s
    return EntryHeader(entry.stated_target_text, responsible, sponsor)


def entry_response(entry: Entry, path: str) -> RawResponse:
    """The response an entry gives, its actions still to be read."""
    header = read_entry_header(entry)
    return RawResponse(
        ref_as_written=entry.ref_as_written, text=entry.text, stated_target_text=header.stated_target_text,
        responsible_text=header.responsible_text, sponsor_text=header.sponsor_text, actions=[],
        source=Source(path, entry.block.page, entry.block.locator),
        heading_ref=entry.heading_ref, heading_text=entry.heading_text)


# -- long tables -----------------------------------------------------------

def is_long_table(cmap: ColumnMap) -> bool:
    """A table that names the recommendation on its rows: it is a plan on
    its own, not the action table of an entry."""
    return cmap.has(Role.ACTION) and (cmap.has(Role.REF) or cmap.has(Role.RECOMMENDATION))


def split_cell_ref(text: str) -> tuple[str | None, str]:
    """"R2.1 Produce ..." / "1A" / "2" -> (ref as written, the rest)."""
    first = text.strip().split("\n", 1)
    m = _CELL_REF_RE.match(first[0])
    if not m:
        return None, text.strip()
    rest = " ".join(x for x in ((m[2] or "").strip(), first[1].strip() if len(first) > 1 else "") if x)
    return m[1], rest


@dataclass
class LongGroup:
    ref: str | None
    text: str
    page: int | None
    locator: str
    rows: list[PlanRow] = field(default_factory=list)


def group_long_rows(rows: list[PlanRow], cmap: ColumnMap, carry: LongGroup | None) -> list[LongGroup]:
    """Rows -> one group per recommendation, the ref carried down over rows
    (and from a previous table part, ``carry``) that leave it empty."""
    groups: list[LongGroup] = []
    current = carry
    for row in rows:
        ref, text = None, ""
        if cmap.has(Role.REF):
            ref = split_cell_ref(row.get(cmap.cols(Role.REF)))[0]
        rec = row.get(cmap.cols(Role.RECOMMENDATION))
        if rec:
            rec_ref, text = split_cell_ref(rec)
            ref = ref or rec_ref
        starts_new = (ref and (current is None or ref != current.ref)) or (
            not ref and text and (current is None or text != current.text))
        if starts_new or current is None:
            current = LongGroup(ref, text, row.page, row.locator)
            groups.append(current)
        elif text and not current.text:
            current.text = text
        current.rows.append(row)
    return groups


def _long_response(group: LongGroup, cmap: ColumnMap, path: str) -> RawResponse:
    actions = to_raw_actions(rows_to_actions(group.rows, cmap), path)
    owners = {a.owner_text for a in actions if a.owner_text}
    return RawResponse(
        ref_as_written=group.ref or "", text=group.text.replace("\n", " "), stated_target_text=None,
        # One owner for every action is the entry's owner too.
        responsible_text=owners.pop() if len(owners) == 1 else None, sponsor_text=None,
        actions=actions, source=Source(path, group.page, group.locator))


# -- the whole part --------------------------------------------------------

def part_blocks(doc: Document, part: DocumentPart) -> list[Block]:
    last = part.last_block if part.last_block >= 0 else len(doc.blocks) - 1
    blocks = doc.blocks[part.first_block:last + 1]
    if part.page_start is not None or part.page_end is not None:
        lo, hi = part.page_start or 1, part.page_end or 10 ** 6
        blocks = [b for b in blocks if b.page is None or lo <= b.page <= hi]
    return blocks


def _table_rows_texts(table: Table) -> list[list[str]]:
    return [[clean_cell(c.text) for c in r.cells] for r in table.rows]


def _as_continuation(block: Block, previous: ColumnMap | None) -> list[PlanRow] | None:
    """A table part with no header of its own that follows a long table of
    the same width (Word and text files repeat no header after a break):
    its first "header" line is a body row."""
    table = block.table
    if previous is None or len(table.header) != len(previous.roles):
        return None
    if map_columns(table.header).roles == previous.roles:
        return None  # the header repeated: a new part, read as a table
    head = PlanRow([clean_cell(h) for h in table.header], block.page, f"{block.locator}/r0")
    return [head] + cells_to_rows(block)


def extract_plan(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    blocks = part_blocks(doc, part)
    out = Extraction(doc.source_path, doc.file_type, doc.sha256, part_index, part)
    path = doc.source_path

    cmaps = {id(b): map_columns(b.table.header, _table_rows_texts(b.table))
             for b in blocks if b.kind is BlockKind.TABLE and b.table is not None}

    def owns_rows(table: Block) -> bool:
        cmap = cmaps[id(table)]
        return not (is_long_table(cmap) and cmap.has(Role.REF))

    def plan_table(table: Block) -> bool:
        return owns_rows(table) and any(map(cmaps[id(table)].has, PLAN_ROLES))

    entries = find_entries(blocks)
    with_tables = [e for e in entries if any(map(plan_table, e.tables()))]
    # Numbered paragraphs before the first entry with a plan table (a
    # covering report's sections, its summary of the recommendations) are
    # not plan entries.
    if with_tables:
        entries = entries[entries.index(with_tables[0]):]
    shapes = {ref_shape(e.ref_as_written) for e in with_tables}
    entries = [e for e in entries if ref_shape(e.ref_as_written) in shapes]
    owner_of = {id(t): e for e in entries for t in e.tables() if owns_rows(t)}
    responses_by_entry = {id(e): entry_response(e, path) for e in entries}

    # A long table may go on in another table part (a repeated header, or
    # none, after a page break): the ref carries over until a heading.
    long_map: ColumnMap | None = None
    carry: LongGroup | None = None
    long_groups: list[tuple[LongGroup, ColumnMap]] = []

    def add_long_rows(rows: list[PlanRow], cmap: ColumnMap) -> None:
        nonlocal carry
        for g in group_long_rows(rows, cmap, carry):
            if g is not carry:
                long_groups.append((g, cmap))
            carry = g

    for b in blocks:
        if b.kind is not BlockKind.TABLE:
            if b.kind is BlockKind.HEADING:
                long_map, carry = None, None
            continue
        cont = _as_continuation(b, long_map)
        if cont is not None:
            add_long_rows(cont, long_map)
            continue
        cmap = cmaps[id(b)]
        entry = owner_of.get(id(b))
        if is_long_table(cmap) and entry is None:
            if long_map is None or long_map.roles != cmap.roles:
                carry = None
            long_map = cmap
            add_long_rows(cells_to_rows(b), cmap)
            continue
        long_map = None
        if not cmap.has(Role.ACTION):
            if entry is not None or cmap.has(Role.DUE):
                out.review_reasons.append(
                    f"table on page {b.page} ({b.locator}): no action column among headers {b.table.header}")
            continue
        if entry is None:
            out.review_reasons.append(
                f"table on page {b.page} ({b.locator}): actions with no recommendation entry before them")
            continue
        resp = responses_by_entry[id(entry)]
        drafts = rows_to_actions(cells_to_rows(b), cmap)
        resp.actions.extend(to_raw_actions(drafts, path))
        for k, a in enumerate(resp.actions, start=1):
            a.seq = k

    for e in entries:
        resp = responses_by_entry[id(e)]
        if not resp.actions:
            out.review_reasons.append(f"entry {e.ref_as_written} (page {e.block.page}): no actions found")
        out.responses.append(resp)
    for g, cmap in long_groups:
        resp = _long_response(g, cmap, path)
        if not resp.ref_as_written:
            out.review_reasons.append(f"long table row group on page {g.page} ({g.locator}): no ref")
        if not resp.actions:
            out.review_reasons.append(f"entry {resp.ref_as_written} (page {g.page}): no actions found")
        out.responses.append(resp)
    return out
