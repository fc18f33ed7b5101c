"""Files -> ``Document`` -> raw records: reading and extracting.

Readers, one per format in the ``formats`` registry (``pdf/``, ``docx_reader``,
``xlsx_reader``, ``text_reader``), turn a file into the ``Document`` model
(``model``), after ``reader`` has refused
what is not a regular file or would not fit the limits, with ``encoding``
telling text encodings apart; ``quality`` then says whether the text read
can be trusted at all and cuts whitespace runs no later pattern should see.
``segment`` splits it into
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
