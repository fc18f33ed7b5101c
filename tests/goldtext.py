"""Text comparison the way ../shared/eval/score.py compares with the gold:
bullets, dashes, quotes and punctuation do not count; 0.85 is a match."""
import difflib
import re
import unicodedata

TEXT_MATCH = 0.85


def norm(s):
    s = unicodedata.normalize("NFKC", str(s or "")).lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = re.sub(r"[\u2022\u2013\u2014•·▪\-]+", " ", s)
    s = re.sub(r"[^a-z0-9£%' ]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def similar(a, b):
    a, b = norm(a), norm(b)
    if not a or not b:
        return 1.0 if a == b else 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
