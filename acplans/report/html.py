"""The officers' report as one self-contained HTML page, rendered from the view model by the
Jinja2 templates in ``acplans/templates`` with autoescaping on: document text is never markup."""
from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from acplans.schemas.findings import FINDING_KINDS, SEVERITIES, SEVERITY_LEVELS

from acplans.schemas.bundle import Tables
from .timeline import LABEL_X, build_timeline
from .view import (CHANGE_TEXT, STATUS_LABEL, build_view, document_facts, kind_label, long_date, most_serious_first,
                   severity_of, slug, worst_rank)

DEFAULT_TITLE = "Inspection recommendations and action plans"


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("acplans", "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined,
                      # A missing value shows as nothing, never as the word "None".
                      finalize=lambda v: "" if v is None else v)
    env.filters.update(date=long_date, file_name=lambda p: Path(p).name if p else "", kind_label=kind_label,
                       severity=severity_of, worst=worst_rank, serious_first=most_serious_first)
    env.globals.update(slug=slug, document_facts=document_facts, timeline=build_timeline,
                       STATUS_LABEL=STATUS_LABEL, CHANGE_TEXT=CHANGE_TEXT, SEVERITIES=SEVERITIES, LABEL_X=LABEL_X)
    return env


def _asset(name: str) -> Markup:
    # The page's own stylesheet and script, inlined so the file works offline.
    return Markup(resources.files("acplans").joinpath("templates", name).read_text(encoding="utf-8"))


def render_html(tables: Tables, title: str = DEFAULT_TITLE) -> str:
    """The officers' report as one self-contained HTML page."""
    return _environment().get_template("report.html.j2").render(
        title=title, view=build_view(tables), finding_kinds=FINDING_KINDS, severity_levels=SEVERITY_LEVELS,
        css=_asset("officers_report.css"), js=_asset("officers_report.js"))
