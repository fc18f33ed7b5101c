"""Reading PDFs: engines behind one ``PageSource`` protocol, and the layout
analysis that turns their pages into the shared ``Document`` model.

``geometry`` is what an engine produces (words, rules, rectangles, images per
page); every other module here works on that alone, so an engine is one
module: ``pdfium_source`` (the default, walking page objects with
``pdfium_objects``), ``plumber_source``, and
``ocr_source`` for pages the text layer fails (with ``image_rules`` finding
ruling lines in the page image). ``guards`` bounds what any engine may cost
(file size, inflated streams, pages, words and rules per page). Layout:
``words``/``lines`` -> ``blocks`` -> ``columns`` (reading order) ->
``tables`` (ruled; ``table_sides`` for grids with open sides), ``whitespace``, ``rotated`` -> ``stitch``, ``furniture``;
thresholds in ``settings``.

May import: the extract leaf modules beside this package (``model``,
``formats``, ``lexicon``) and each other; nothing above.
"""
from .reader import read_pdf

__all__ = ["read_pdf"]
