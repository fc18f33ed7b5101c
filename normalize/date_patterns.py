"""The patterns of the date grammar ``normalize.dates`` documents: month
names, numeric and ISO forms, financial years and quarters, and the words
around a date that make it one (or a label). Compiled once, case-insensitive."""
from __future__ import annotations

import re

from acplans.extract import lexicon

MONTH_NUMBERS = {name[:3]: number for number, name in enumerate(lexicon.MONTH_NAMES, start=1)}
FULL_MONTH_NAMES = set(lexicon.MONTH_NAMES)
# Month names that are also common English words; alone they count only when capitalised.
WORD_MONTHS = {"may", "march", "august"}

_MONTH = (
    rf"(?<![^\W\d_])(?P<mon>{lexicon.MONTH})(?![^\W\d_])"
    # An abbreviation's full stop belongs to the date; after a full name it ends the sentence.
    rf"(?:(?:{'|'.join(f'(?<={a})' for a in lexicon.MONTH_ABBREVIATIONS)})\.)?"
)
_Y4 = r"(?:19|20)\d\d(?!\d)"
_ORDINAL = r"(?:st|nd|rd|th)(?![^\W\d_])"
_YEAR_AFTER_MONTH = rf"(?:\s*,?\s*(?P<y4>{_Y4})|-(?P<y2>\d\d)(?![\d%])|\s?['’](?P<y2q>\d\d)(?!\d))"
_FY = r"(?P<fy1>(?:19|20)?\d\d)\s?[/–-]\s?(?P<fy2>(?:19|20)?\d\d)(?![\w/–-]|\.\d)"
_QUARTER = (
    r"(?:Q\s?(?P<q>[1-4])|quarter\s+(?P<qn>[1-4]|one|two|three|four)"
    r"|(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th|final|last)\s+quarter)(?![\w])"
)
QUARTER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "first": 1, "second": 2, "third": 3,
                  "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4}

_I = re.IGNORECASE
DAY_MONTH = re.compile(
    rf"(?<![\w£$€.,/-])(?P<day>[0-3]?\d)(?P<ord>{_ORDINAL})?(?!\d)\s*(?:of\s+)?(?:-\s*)?{_MONTH}"
    rf"{_YEAR_AFTER_MONTH}?", _I)
DAY_RANGE_MONTH = re.compile(
    rf"(?<![\w£$€.,/-])(?P<day1>[0-3]?\d)(?:{_ORDINAL})?\s*(?:-|–|—|to)\s*"
    rf"(?P<day>[0-3]?\d)(?P<ord>{_ORDINAL})?(?!\d)\s*(?:of\s+)?{_MONTH}{_YEAR_AFTER_MONTH}?", _I)
MONTH_DAY = re.compile(
    rf"{_MONTH}\s+(?P<day>[0-3]?\d)(?!\d)(?:(?P<ord>{_ORDINAL})(?:\s*,?\s*(?P<y4>{_Y4}))?"
    rf"|\s*,?\s*(?P<y4b>{_Y4}))", _I)
MONTH_YEAR = re.compile(rf"{_MONTH}{_YEAR_AFTER_MONTH}", _I)
BARE_MONTH = re.compile(_MONTH, _I)
NUMERIC = re.compile(
    r"(?<![\w./:-])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<month>[01]?\d)(?P=sep)(?P<year>\d{4}|\d\d)"
    r"(?![\w/-]|[.:]\d)")
ISO = re.compile(
    r"(?<![\w./-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w/-]|\.\d)")
FINANCIAL_YEAR = re.compile(rf"(?<![\w./-])(?:(?P<prefix>FY|financial\s+year)\s?)?{_FY}", _I)
QUARTER_YEAR = re.compile(
    rf"(?<![\w.]){_QUARTER}\s*,?\s*(?:(?:of|in)\s+)?(?:the\s+)?(?:(?:financial|fiscal)\s+year\s*|FY\s?)?"
    rf"(?:{_FY}|(?P<cy>{_Y4})(?!\s?[/–-]\s?\d))", _I)
YEAR_QUARTER = re.compile(rf"(?<![\w./-])(?:FY\s?)?{_FY}\s*,?\s*{_QUARTER}", _I)
FINANCIAL_YEAR_END = re.compile(
    r"(?:\b(?:financial|fiscal|accounting)\s+year[\s-]*end\b|\byear[\s-]end\b|\bFY[\s-]?end\b"
    r"|\bend\s+of\s+(?:the\s+)?(?:this\s+|current\s+)?(?:financial|fiscal|accounting)\s+year\b)"
    rf"(?:\s*(?:of\s+)?(?:{_FY}|(?P<cy>{_Y4})))?", _I)
CALENDAR_YEAR_END = re.compile(
    r"\bend\s+of\s+(?:the\s+)?(?:this\s+|current\s+|calendar\s+)?year\b(?!\s*(?:of\s+)?(?:19|20)\d\d)", _I)
BARE_YEAR = re.compile(r"(?<![\w./£$€-])(?P<year>(?:19|20)\d\d)(?![\w/–-]|\.\d|\s?[/–-]\s?\d)")

# A time word just before a bare month or year ("by", "end of", "mid-").
TIME_WORD_BEFORE = re.compile(
    r"\b(?:by|before|in|during|from|until|till|to|since|after|throughout|around|end|mid|early|late|start|"
    r"beginning|middle|close|calendar\s+year)(?:\s+of)?(?:\s+the)?(?:\s+|\s*-\s*)$", _I)
# Words that make a following number a label rather than a day.
LABEL_BEFORE = re.compile(
    r"\b(?:phase|stage|step|part|level|section|para(?:graph)?|item|no|nos|number|version|release|wave|"
    r"round|tier|option|priority|appendix|annex|page|chapter|objective|action|recommendation|rec|r|q|"
    r"quarter|week|month|point|module|block|lot|unit|flat|room|floor|table|figure|fig|line|box|clause|"
    r"article|standard|kpi|issue|ref|workstream|project|group|team|area|zone|band|grade|scheme)"
    r"\s*[.:#]?\s*$", _I)
RANGE_JOIN = re.compile(r"\s*(?:-|–|—|/|to|until|till|through|thru)\s*", _I)
LIST_JOIN = re.compile(r"\s*(?:,|&|and|or|,\s*and|,\s*or)\s*", _I)
NUMBER_AFTER = re.compile(r"\s+\d")
BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s+$", _I)
SENTENCE_END_AFTER = re.compile(r"\s*(?:$|[.;,!?)(\n])")
UNICODE_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
                                 "\u2010": "-", "\u2011": "-", "\u2212": "-"})
