"""Plan entries: a ref-bearing paragraph (``R2.1 ...``, ``6.4 ...``,
``Recommendation 1A: ...``) under an optional group heading, then its
target date, the people answerable for it and its tables.

The grammar both entry layouts (``entry_tables``, ``status_cells``) read;
it decides nothing about a document's layout itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import OWNER_LABEL, SPONSOR_LABEL
from ..model import Block, BlockKind
from ..records import RawResponse, Source
from ..refs import REF_PATTERN, canonical_ref
from ..restated import split_restated_deadline

_GROUP_RE = re.compile(
    r"^(R?\d{1,2})\s+(?:audit\s+commission\s+)?recommendation\b\s*[:.–—-]?\s*(.*)$", re.I | re.S)
# "Recommendation 1F:"; when the ref is printed against the word
# ("Recommendation1F"), OCR often reads an "l" or "|" into the joint.
_NUMBERED_RE = re.compile(
    r"^(recommendation)(?:[l|](?=\d))?(\s*\d{1,2}[A-Z]?(?:\.\d{1,2})?)\b(?:\s*[:.–—-]\s*(.*)|\s*$)",
    re.I | re.S)
_R_REF_RE = re.compile(r"^(R\d{1,2}(?:\.\d{1,2})?\.?)\s+(?=[A-Z‘“\"'(])(.*)$", re.S)
_DOTTED_REF_RE = re.compile(r"^(\d{1,2}\.\d{1,2}\.?)\s+(?=[A-Z‘“\"'(])(.*)$", re.S)
# Any other ref the grammar knows ("Rec 2(b)", "2b", "R2 (ii)", "3"), then a capitalised restatement.
_LOOSE_REF_RE = re.compile(rf"^((?i:{REF_PATTERN})\.?)\s*[:–—-]?\s+(?=[A-Z‘“\"'(])(.*)$", re.S)
_TARGET_RE = re.compile(r"(?:audit\s+commission\s+)?target\s+date\s*[:–—-]\s*(.+)$", re.I | re.S)
_OWNER_LINE_RE = re.compile(rf"^(?:{OWNER_LABEL})\s*[:–—-]\s*(.+)$", re.I | re.S)
_SPONSOR_RE = re.compile(rf"^{SPONSOR_LABEL}\s*[:–—-]?\s*(.+)$", re.I | re.S)


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
        return re.sub(r"\s+", " ", m[1] + m[2]), (m[3] or "").strip()
    for pattern in (_LOOSE_REF_RE, _R_REF_RE, _DOTTED_REF_RE):
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
    canonical = {key: canonical_ref(p[0]) or "" for key, p in parsed.items() if p}
    # Headline number -> its canonical ref, for headlines whose bullets have entries (R2.1 -> R2, 1A -> 1).
    sub_heads = {m[2]: m[1] + m[2] for c in canonical.values()
                 if (m := re.fullmatch(r"(R?)(\d{1,2})(?:[A-Z]|\.\d{1,2})", c))}
    entries: list[Entry] = []
    heading_ref = heading_text = target = None
    awaiting_heading_text = False
    for b in blocks:
        p = parsed.get(id(b))
        group = parse_group_heading(b.text) if b.kind is not BlockKind.TABLE else None
        # A headline's own ref over entries for its bullets ("Recommendation 2", "R2: ...") heads their group.
        if p and (m := re.fullmatch(r"R?(\d{1,2})", canonical[id(b)])) and m[1] in sub_heads:
            group, p = (sub_heads[m[1]], p[1], None), None
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
            # Under an entry it is that entry's own; before any, the group's.
            if entries and not entries[-1].tables() and entries[-1].heading_ref == heading_ref:
                entries[-1].stated_target_text = t[1].strip()
            else:
                target = t[1].strip()
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
    text, stated = entry.text, header.stated_target_text
    if stated is None:
        text, stated = split_restated_deadline(text)
    return RawResponse(
        ref_as_written=entry.ref_as_written, text=text, stated_target_text=stated,
        responsible_text=header.responsible_text, sponsor_text=header.sponsor_text, actions=[],
        source=Source(path, entry.block.page, entry.block.locator),
        heading_ref=entry.heading_ref, heading_text=entry.heading_text)


