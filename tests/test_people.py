"""Owners as plans print them: name and post in any order and punctuation,
a post alone, two owners; and the people table merging one person's titles."""
import pytest

from acplans.normalize.people import PeopleDirectory, parse_person


@pytest.mark.parametrize("text, name, role", [
    ("Jane Smith Head of Housing", "Jane Smith", "Head of Housing"),
    ("Jane Smith, Head of Housing", "Jane Smith", "Head of Housing"),
    ("Head of Housing (Jane Smith)", "Jane Smith", "Head of Housing"),
    ("Jane Smith (Head of Housing)", "Jane Smith", "Head of Housing"),
    ("J. Smith - HoH", "J. Smith", "HoH"),
    ("Head of Housing - Jane Smith", "Jane Smith", "Head of Housing"),
    ("Priya Da Costa Repairs Manager", "Priya Da Costa", "Repairs Manager"),
    ("Dermot O'Neill Chief Executive", "Dermot O'Neill", "Chief Executive"),
    ("Helen Kaur Neighbourhood Services Manager", "Helen Kaur", "Neighbourhood Services Manager"),
    ("Head of Housing", None, "Head of Housing"),
    ("Rent Income Manager", None, "Rent Income Manager"),
    ("Director of Finance and Resources", None, "Director of Finance and Resources"),
    ("Head of Finance (Customer Service)", None, "Head of Finance (Customer Service)"),
])
def test_name_and_post_in_any_order(text, name, role):
    assert (parse_person(text).name, parse_person(text).role) == (name, role)


def test_two_owners_keep_both_names_and_posts():
    ref = parse_person("Jane Smith (Head of Housing) and Tom Jones (Repairs Manager)")
    assert (ref.name, ref.role) == ("Jane Smith and Tom Jones", "Head of Housing; Repairs Manager")


def test_people_table_has_one_row_per_owner_and_merges_titles():
    people = PeopleDirectory()
    for rid, text in [("a", "Jane Smith (Head of Housing) and Tom Jones (Repairs Manager)"),
                      ("b", "Jane Smith Director of Housing Services"),
                      ("c", "Repairs Manager - Tom Jones")]:
        people.add(parse_person(text), response_id=rid, as_sponsor=False, doc_id="d", source_path="p", page=1)
    by_name = {p.name: p for p in people.people.values()}
    assert set(by_name) == {"Jane Smith", "Tom Jones"}
    assert by_name["Jane Smith"].roles == ["Head of Housing", "Director of Housing Services"]
    assert by_name["Jane Smith"].as_owner == ["a", "b"]
    assert by_name["Tom Jones"].roles == ["Repairs Manager"] and by_name["Tom Jones"].as_owner == ["a", "c"]
