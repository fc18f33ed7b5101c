"""Words and lemmas for the comparator, cut by spaCy's English tokenizer
(expected values are spaCy 3.8's), which loads only when something is compared."""
import subprocess
import sys

from acplans.compare.text import content_lemmas, lemma, tokens


def words(text: str) -> list[str]:
    return [w for w, _ in tokens(text)]


def test_words_as_spacy_cuts_them():
    assert words("Staff's tenants' it's don't can't cannot won't I'm we'll they've") == [
        "staff", "'s", "tenants", "it", "'s", "do", "n't", "ca", "n't", "can", "not", "wo", "n't",
        "i", "'m", "we", "'ll", "they", "'ve"]
    assert words("1m 3m 5k 2bn 10km 7pm 2nd 1.5m £1m 100%") == [
        "1", "m", "3", "m", "5k", "2bn", "10", "km", "7", "pm", "2nd", "1.5", "m", "1", "m", "100"]
    assert words("R3.6. e.g. i.e. 31/03/2011 2010-11 24/7 10:30 self-assessment") == [
        "r3.6", "e.g.", "i.e.", "31/03/2011", "2010", "11", "24/7", "10:30", "self", "assessment"]
    assert words("See www.audit-commission.gov.uk/housing, or info@homegroup.org.uk.") == [
        "see", "www.audit-commission.gov.uk/housing", "or", "info@homegroup.org.uk"]
    assert words("यदि आप इसमें") == ["यदि", "आप", "इसमें"]  # combining marks stay in their word


def test_lemmas_and_stop_words_come_from_spacys_tables():
    assert lemma("buildings") == "build" and lemma("customers") == "tenant"
    assert content_lemmas("We will ensure that all the customers are consulted") == [
        "ensure", "tenant", "consult"]


def test_spacy_loads_only_when_something_is_compared():
    # spaCy costs a second of start-up: inspect, report and --help never compare.
    probe = ("import sys; import acplans.cli, acplans.pipeline, acplans.compare; "
             "before = 'spacy' in sys.modules; from acplans.compare.text import similarity; "
             "similarity('Publicise the service standards', 'Publicize service standards'); "
             "print(before, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False True"
