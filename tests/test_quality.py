"""The text-trust checks of extract/quality.py, on their own."""
import sys
import unicodedata

from acplans.extract.quality import undecodable_share


def test_undecodable_class_is_exactly_the_non_space_control_private_and_surrogate_code_points():
    # The pattern is written as ranges for speed; Unicode's categories are the definition.
    expected = [cp for cp in range(sys.maxunicode + 1) if (ch := chr(cp)) == "\ufffd"
                or unicodedata.category(ch) in ("Cc", "Co", "Cs") and not ch.isspace()]
    found = [cp for cp in range(sys.maxunicode + 1) if undecodable_share(chr(cp)) == 1.0]
    assert found == expected


def test_undecodable_share_counts_cid_marks_and_ignores_whitespace():
    # two (cid:n) marks and one U+FFFD among six letters; spaces and line breaks count for nothing
    assert undecodable_share("ab (cid:12)\n cd\t(cid:7) \ufffd ef") == 3 / 9
    assert undecodable_share(" \n\t") == 0.0
