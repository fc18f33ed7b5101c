"""Canonical refs and people, on the forms the sample plans print."""
import pytest

from acplans.normalize.people import PeopleDirectory, parse_person
from acplans.normalize.refs import canonical_ref, parent_of, sequence_gaps


@pytest.mark.parametrize("written, expected", [
    ("R1.", "R1"), ("6.4", "R6.4"), ("R2.1", "R2.1"), ("r 3", "R3"),
    ("Recommendation 1A", "1A"), ("Recommendation1B", "1B"), ("Recommendation R4", "R4"),
    ("1", "1"), ("3D", "3D"), ("Recommendation 2.3:", "R2.3"),
])
def test_canonical_ref(written, expected):
    assert canonical_ref(written) == expected


def test_bare_number_joins_the_r_scheme_when_the_document_uses_it():
    assert canonical_ref("3", r_scheme=True) == "R3"


def test_text_that_is_no_ref_gives_none():
    assert canonical_ref("Responsible") is None


def test_parent_of_bullets_in_both_schemes():
    assert (parent_of("R2.3"), parent_of("1A"), parent_of("R2")) == ("R2", "1", None)


def test_sequence_gaps_and_repeats():
    gaps, repeats = sequence_gaps(["R1", "R2.1", "R2.3", "R2.3", "R4.1", "1A", "1C"])
    assert gaps == ["1B", "R2.2", "R3"]
    assert repeats == ["R2.3"]


@pytest.mark.parametrize("text, name, role", [
    ("Jim Preston – Director of Maintenance Services", "Jim Preston", "Director of Maintenance Services"),
    ("Stuart Lawson - Head of Performance Reporting", "Stuart Lawson", "Head of Performance Reporting"),
    ("Mark Fletcher – Director, Communications", "Mark Fletcher", "Director, Communications"),
    ("Rosemary Du Rose", "Rosemary Du Rose", None),
    ("Head of Housing, Jane Smith", "Jane Smith", "Head of Housing"),
    ("Head of Finance (Customer Service)", None, "Head of Finance (Customer Service)"),
    ("Housing Manager", None, "Housing Manager"),
    ("", None, None),
])
def test_parse_person(text, name, role):
    ref = parse_person(text)
    assert (ref.name, ref.role) == (name, role)


def test_one_person_with_two_titles_is_one_person():
    people = PeopleDirectory()
    for rid, text in [("a", "Donna Middleton – Head of Customer Contact Centre"),
                      ("b", "Donna Middleton – Head of Customer Service Centre"),
                      ("c", "Head of Housing")]:
        people.add(parse_person(text), response_id=rid, as_sponsor=False, doc_id="d", source_path="p", page=1)
    donna = next(p for p in people.people.values() if p.name == "Donna Middleton")
    assert donna.roles == ["Head of Customer Contact Centre", "Head of Customer Service Centre"]
    assert donna.as_owner == ["a", "b"]
    post = next(p for p in people.people.values() if p.name is None)
    assert post.roles == ["Head of Housing"]


@pytest.mark.parametrize("written", ["Rec 2(b)", "2b", "R2b", "Recommendation 2 (b)", "2.b", "R2 (ii)", "R2B",
                                     "2 (b)", "R2.2", "2.2"])
def test_bullet_written_by_its_enumerator_is_r_dotted(written):
    assert canonical_ref(written) == "R2.2"


def test_a_plans_own_upper_case_scheme_is_kept():
    assert [canonical_ref(x) for x in ("1A", "Recommendation 3D", "Recommendation1B")] == ["1A", "3D", "1B"]
