"""The run's one spaCy pipeline: ``spacy.blank("en")`` with the lookup
lemmatizer (tables from the spacy-lookups-data package, nothing downloaded).

Built on first use, not at import: spaCy costs about a second of start-up
that commands which never parse an owner or compare a text (inspect,
report, --help) should not pay. The owner parser uses its tokenizer and
vocabulary, the comparator its lemmas and stop words.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def english():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp
