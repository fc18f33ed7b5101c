"""The normaliser: raw extractions -> typed table rows.

``build`` turns one ``Extraction`` into a ``NormalisedDocument`` (rows with
parsed dates, canonical refs and people, plus the count claims, inspection
window and plan restatements later stages need); ``versions`` reads which
version of a plan a document is; ``pairing`` groups documents into
inspections by name, orders plan versions and marks copies, and
``content_pairing`` joins a lone plan to the lone report it restates;
``crossdoc.normalise_batch`` makes the run's ``Tables`` and hands the
comparator a ``NormalisedBatch``. ``dates`` (with ``relative_dates`` for
deadlines counted from a report's date), ``status``, ``refs`` and
``people`` are the grammars they use.

May import: acplans.schemas and the leaf modules of acplans.extract
(``records``, ``lexicon``, ``refs``); never the extractors themselves,
acplans.compare or the top-level modules.
"""
