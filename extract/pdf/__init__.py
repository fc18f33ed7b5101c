"""Reading PDFs: engines behind one ``PageSource`` protocol, and the layout
analysis that turns their pages into the shared ``Document`` model.

``geometry`` is what an engine produces (words, rules, rectangles, images per
page); every other module here works on that alone, so an engine is one
module. ``guards`` bounds what any engine may cost (file size, inflated
streams, pages, words and rules per page). Modules here import ``..model``
and each other, nothing above.
"""
from .reader import read_pdf

__all__ = ["read_pdf"]
