"""A two-page inspection report printed in two columns, built with
reportlab for the reading-order and debug-view tests.

Page 1: a title across both columns; in the left column a summary, a ruled
table and R1, whose last bullet runs on at the top of the right column;
R2 starts at the foot of the right column; a footnote across the page foot.
Page 2: R2's bullets go on and end in the left column, R3 fills the right
one; a short heading over both columns (left-aligned, blank beside it);
below it two more columns, the left one ending in a footnote while the
right one runs further down.
Both columns print on the same baselines, so each visual row holds words
of both columns.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

# reportlab's own TrueType faces: embedded with a Unicode map, so the bullet
# glyph reads back as "•", and named "...-Bold" as real fonts are.
pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
pdfmetrics.registerFont(TTFont("Vera-Bold", "VeraBd.ttf"))

PAGE_W, PAGE_H = A4
MARGIN = 56.0
BODY = ("Vera", 10.0)
LEADING = 13.0
FOOTER = "Northfield Housing Trust | Short notice inspection report"


class Column:
    """Writes paragraphs down one column from a top edge (in top-down points)."""

    def __init__(self, canvas: Canvas, x0: float, width: float, top: float):
        self.c, self.x0, self.width, self.y = canvas, x0, width, top

    def text(self, text: str, font: tuple[str, float] = BODY, indent: float = 0.0,
             bullet: bool = False, after: float = 8.0) -> None:
        name, size = font
        lead = max(LEADING, size * 1.3)
        lines = simpleSplit(text, name, size, self.width - indent - (10 if bullet else 0))
        self.c.setFont(name, size)
        for i, line in enumerate(lines):
            self.y += lead
            x = self.x0 + indent
            if bullet and i == 0:
                self.c.drawString(x, PAGE_H - self.y, "\u2022")
            self.c.drawString(x + (10 if bullet else 0), PAGE_H - self.y, line)
        self.y += after

    def table(self, rows: list[tuple[str, str]], split: float) -> None:
        """A ruled grid the width of the column, one line of text per cell."""
        height = 18.0
        top = self.y + 4
        xs = [self.x0, self.x0 + split, self.x0 + self.width]
        for r, cells in enumerate(rows):
            y = top + r * height
            for x, text in zip(xs, cells):
                self.c.setFont("Vera-Bold" if r == 0 else BODY[0], 9)
                self.c.drawString(x + 3, PAGE_H - (y + 12.5), text)
        bottom = top + len(rows) * height
        for r in range(len(rows) + 1):
            self.c.line(self.x0, PAGE_H - (top + r * height), self.x0 + self.width, PAGE_H - (top + r * height))
        for x in xs:
            self.c.line(x, PAGE_H - top, x, PAGE_H - bottom)
        self.y = bottom + 8


def full_width(canvas: Canvas, text: str, top: float, font: tuple[str, float]) -> float:
    canvas.setFont(*font)
    canvas.drawString(MARGIN, PAGE_H - top, text)
    return top + font[1] * 1.5


def footer(canvas: Canvas, number: int) -> None:
    canvas.setFont("Vera", 8)
    canvas.drawString(MARGIN, PAGE_H - 810, FOOTER)
    canvas.drawString(PAGE_W - MARGIN - 10, PAGE_H - 810, str(number))


def columns(canvas: Canvas, top: float, gutter: float, rule: str | None, rule_bottom: float) -> tuple[Column, Column]:
    """Two columns from ``top``; ``rule`` draws a rule down the gutter, as a
    stroked line ("stroke") or a hairline filled rectangle ("fill")."""
    width = (PAGE_W - 2 * MARGIN - gutter) / 2
    x = MARGIN + width + gutter / 2
    if rule == "stroke":
        canvas.setLineWidth(0.5)
        canvas.line(x, PAGE_H - top, x, PAGE_H - rule_bottom)
    elif rule == "fill":
        canvas.rect(x - 0.25, PAGE_H - rule_bottom, 0.5, rule_bottom - top, stroke=0, fill=1)
    return Column(canvas, MARGIN, width, top), Column(canvas, MARGIN + width + gutter, width, top)


def bold(size: float) -> tuple[str, float]:
    return ("Vera-Bold", size)


def build_two_column_report(path: Path, gutter: float = 24.0, rule: str | None = None) -> Path:
    c = Canvas(str(path), pagesize=A4)
    # Page 1
    top = full_width(c, "Short notice inspection of repairs and lettings at Northfield Housing Trust",
                     90, bold(13))
    left, right = columns(c, top + 10, gutter, rule, 720)
    left.text("Summary", bold(12))
    left.text("The Audit Commission carried out this short notice inspection of Northfield Housing "
              "Trust. Dates of inspection: 4 to 8 October 2010. We looked at how the landlord repairs "
              "homes and lets empty homes to new tenants, and at how it involves residents.")
    left.text("Table 1 Service judgements", bold(10))
    left.table([("Service area", "Judgement"), ("Repairs", "Weaknesses outweigh strengths"),
                ("Lettings", "Strengths outweigh weaknesses")], split=70)
    left.text("The judgements above rest on the evidence gathered on site, the views of tenants and "
              "the performance figures the landlord reports to its board.")
    left.text("Recommendations", bold(14))
    left.text("Recommendation", bold(11))
    left.text("R1 Improve the repairs service by:")
    left.text("introducing an appointments system for all repairs;", indent=12, bullet=True, after=2)
    # The bullet is cut by the column break: its last words open the right column.
    left.text("checking the quality of completed", indent=12, bullet=True, after=2)
    right.text("work and telling tenants what was found; and", indent=22, after=2)
    right.text("publishing repair times to tenants.", indent=12, bullet=True)
    right.text("The expected benefits of this recommendation are:")
    right.text("fewer missed appointments; and", indent=12, bullet=True, after=2)
    right.text("higher satisfaction with repairs.", indent=12, bullet=True)
    right.text("Implementing this recommendation will have high impact with low costs. This should be "
               "implemented by June 2011.")
    right.text("Recommendation", bold(11))
    right.text("R2 Improve the lettings service by:")
    right.text("reviewing the allocations policy with tenants;", indent=12, bullet=True, after=2)
    c.setFont("Vera", 7)
    c.drawString(MARGIN, PAGE_H - 745, "1 Low cost is defined as less than 1 per cent of the annual "
                 "service cost, medium cost is between 1 and 5 per cent.")
    footer(c, 1)
    c.showPage()
    # Page 2
    left, right = columns(c, 60, gutter, rule, 330)
    left.text("letting empty homes within four weeks; and", indent=12, bullet=True, after=2)
    left.text("publishing lettings performance every quarter.", indent=12, bullet=True)
    left.text("The expected benefit of this recommendation is:")
    left.text("fairer lettings for tenants in housing need.", indent=12, bullet=True)
    left.text("Implementing this recommendation will have medium impact with low costs. This should "
              "be carried out by March 2011.")
    right.text("Recommendation", bold(11))
    right.text("R3 Strengthen resident involvement by:")
    right.text("training tenant representatives to scrutinise services;", indent=12, bullet=True, after=2)
    right.text("telling tenants how their views changed services.", indent=12, bullet=True)
    right.text("Implementing this recommendation will have high impact with low costs. This should be "
               "carried out by April 2011.")
    top = full_width(c, "Prospects for improvement", 360, bold(14))
    left, right = columns(c, top + 10, gutter, rule, 720)
    left.text("We found strengths and weaknesses in balance in this area. The landlord has a clear "
              "plan for repairs and has started to put it into practice across its regions.")
    left.text("Staff know the plan and tenants have helped to shape it through the repairs panel.")
    left.text("2 The repairs panel is a group of twelve tenants that meets every month.", font=("Vera", 7))
    right.text("There are a number of weaknesses. Performance on repairs completed on time has improved "
               "but from a low base, and satisfaction with repairs remains below the average of similar "
               "landlords. The landlord does not yet know the costs of its repairs service in enough "
               "detail to judge its value for money, and plans for lettings are still in draft.")
    right.text("Tenants are not yet told how their views have changed services, and the board receives "
               "little information about the quality of repairs.")
    footer(c, 2)
    c.showPage()
    c.save()
    return path
