"""Files -> ``Document`` -> raw records: reading and extracting.

Readers (``reader``, ``pdf_reader``, ``docx_reader``, ``text_reader``) turn a
file into the ``Document`` model (``model``); ``segment`` splits it into
parts; ``dispatch.extract_document`` hands each part to its extractor
(``plan``, ``report``), which ask the layout strategies in ``layouts/``.
The records they fill (``records``) keep the words as printed.

Leaf modules every stage may import: ``lexicon`` (months, bullets,
enumerators, status and post words), ``refs`` (``canonical_ref``),
``records`` and ``model``.

May import: the standard library and the readers' libraries. Never
acplans.normalize, acplans.compare or the top-level acplans modules (cli,
pipeline, report): data flows one way, out of here.
"""
