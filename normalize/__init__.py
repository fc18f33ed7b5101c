"""Raw records -> table rows: canonical refs, parsed dates and statuses,
people, and the quality gate that sends a document for review.

May import: acplans.schemas and the leaf modules of acplans.extract
(``records``, ``lexicon``, ``refs``). Never the extractors themselves,
acplans.compare or the top-level acplans modules.
"""
