"""The officers' report: what council officers read after `acplans run`.

``load`` reads an output folder into the ``Tables`` bundle (no pandas);
``view`` joins them into a typed view model; ``html`` (Jinja2 templates in
acplans/templates, with the ``timeline`` geometry), ``xlsx`` and ``check``
render it. Nothing here judges: coverage, lateness and findings are the
comparator's tables. May import acplans.schemas, never the pipeline or cli.
"""
from .check import check_summary
from .html import render_html
from .load import OutputNotFound, load_output
from .xlsx import write_xlsx

__all__ = ["OutputNotFound", "check_summary", "load_output", "render_html", "write_xlsx"]
