"""Print a ``Doc`` as text (Markdown with tab tables), DOCX, PDF or XLSX.

Options vary what a reader meets: PDF in one or two columns with ruled or
unruled tables; DOCX with the long table's ref and recommendation cells
merged down or repeated; XLSX with the title and notes above the table.
"""
from __future__ import annotations

from pathlib import Path

from .content import Doc, Grid, Heading, Item, Para


def write(doc: Doc, path: Path, fmt: str, *, columns: int = 1, ruled: bool = True, merged: bool = True) -> Path:
    path = path.with_suffix({"text": ".md", "docx": ".docx", "pdf": ".pdf", "xlsx": ".xlsx"}[fmt])
    {"text": _text, "docx": _docx, "pdf": _pdf, "xlsx": _xlsx}[fmt](doc, path, columns=columns, ruled=ruled,
                                                                      merged=merged)
    return path


def _text(doc: Doc, path: Path, **_) -> None:
    lines: list[str] = []
    for el in doc.elements:
        if isinstance(el, Heading):
            lines += ["#" * el.level + " " + el.text, ""]
        elif isinstance(el, Para):
            lines += [el.text, ""]
        elif isinstance(el, Item):
            lines.append(f"- {el.text}" if not el.marker else f"{el.marker} {el.text}")
            lines.append("" if el.marker else "")
        elif isinstance(el, Grid):
            lines.append("\t".join(el.header))
            lines += ["\t".join(row) for row in el.rows]
            lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _docx(doc: Doc, path: Path, *, merged: bool, **_) -> None:
    import docx

    out = docx.Document()
    if doc.furniture:
        out.sections[0].footer.paragraphs[0].text = doc.furniture
    for el in doc.elements:
        if isinstance(el, Heading):
            out.add_heading(el.text, level=el.level)
        elif isinstance(el, Para):
            out.add_paragraph(el.text)
        elif isinstance(el, Item):
            if el.marker:
                out.add_paragraph(f"{el.marker} {el.text}")
            else:
                out.add_paragraph(el.text, style="List Bullet")
        elif isinstance(el, Grid):
            table = out.add_table(rows=1 + len(el.rows), cols=len(el.header))
            table.style = "Table Grid"
            for c, text in enumerate(el.header):
                table.cell(0, c).text = text
            for r, row in enumerate(el.rows, start=1):
                for c, text in enumerate(row):
                    if text:
                        table.cell(r, c).text = text
            if merged:
                _merge_down(table, el)
    out.save(path)


def _merge_down(table, grid: Grid) -> None:
    """Merge each merge column's filled cell with the empty cells below it."""
    for c in grid.merge:
        top = None
        for r, row in enumerate(grid.rows, start=1):
            if row[c]:
                top = r
            elif top is not None and not any(row[k] for k in grid.merge if k < c):
                table.cell(top, c).merge(table.cell(r, c))
                table.cell(top, c).text = grid.rows[top - 1][c]


def _pdf(doc: Doc, path: Path, *, columns: int, ruled: bool, **_) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph,
                                    Spacer, Table, TableStyle)

    has_table = any(isinstance(e, Grid) for e in doc.elements)
    size = landscape(A4) if has_table and columns == 1 else A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # Bullets in reportlab's own TrueType face, which carries a Unicode map, so
    # "•" reads back as itself; text in Helvetica.
    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    styles = getSampleStyleSheet()
    styles["BodyText"].bulletFontName = "Vera"
    # A paragraph gap a reader can see, as printed reports leave one.
    body = styles["BodyText"].clone("body", spaceBefore=0, spaceAfter=12)
    cell = styles["BodyText"].clone("cell", spaceBefore=0, spaceAfter=0)
    margin = 50
    width, height = size
    if columns == 2:
        gap = 18
        col_w = (width - 2 * margin - gap) / 2
        frames = [Frame(margin, margin, col_w, height - 2 * margin, id="left"),
                  Frame(margin + col_w + gap, margin, col_w, height - 2 * margin, id="right")]
    else:
        frames = [Frame(margin, margin, width - 2 * margin, height - 2 * margin)]

    def furniture(canvas, _doc):
        if doc.furniture:
            canvas.setFont("Helvetica", 8)
            canvas.drawString(margin, margin / 2, f"{doc.furniture} {canvas.getPageNumber()}")

    story: list = []
    full_width = Frame(margin, margin, width - 2 * margin, height - 2 * margin)
    for i, el in enumerate(doc.elements):
        if columns == 2 and i == doc.title_page:
            # A two-column report has a title page; its body starts on the next page.
            story += [NextPageTemplate("body"), PageBreak()]
        if isinstance(el, Heading):
            story.append(Paragraph(_esc(el.text), styles["Heading1" if el.level == 1 else "Heading2"]))
        elif isinstance(el, Para):
            story.append(Paragraph(_esc(el.text), body))
        elif isinstance(el, Item):
            story.append(Paragraph(_esc(el.text), body, bulletText=el.marker or "\u2022"))
        elif isinstance(el, Grid):
            avail = frames[0]._width - 4
            data = [[Paragraph(_esc(t), cell) for t in el.header]]
            data += [[Paragraph(_esc(t), cell) for t in row] for row in el.rows]
            # Wide enough for a column's longest word, so no word is broken across lines.
            cols = list(zip(el.header, *el.rows))
            weights = [max(max(len(w) for t in col for w in t.split() or [""]),
                           sum(map(len, col)) / len(col) / 2, 4) for col in cols]
            widths = [avail * w / sum(weights) for w in weights]
            table = Table(data, colWidths=widths, repeatRows=1)
            cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")]
            if ruled:
                cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            else:  # rules between rows only, no column lines
                cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black))
            table.setStyle(TableStyle(cmds))
            story += [table, Spacer(1, 8)]
    template = BaseDocTemplate(str(path), pagesize=size, leftMargin=margin, rightMargin=margin,
                               topMargin=margin, bottomMargin=margin)
    body_template = PageTemplate("body", frames=frames, onPage=furniture)
    if columns == 2 and doc.title_page:
        template.addPageTemplates([PageTemplate("title", frames=[full_width], onPage=furniture), body_template])
    else:
        template.addPageTemplates([body_template])
    template.build(story)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xlsx(doc: Doc, path: Path, **_) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    r = 1
    for el in doc.elements:
        if isinstance(el, (Heading, Para)):
            ws.cell(r, 1, el.text).font = Font(bold=isinstance(el, Heading), size=14 if isinstance(el, Heading) else 11)
            r += 1
        elif isinstance(el, Grid):
            r += 1
            for c, text in enumerate(el.header, start=1):
                ws.cell(r, c, text).font = Font(bold=True)
            for row in el.rows:
                r += 1
                for c, text in enumerate(row, start=1):
                    if text:
                        ws.cell(r, c, text).alignment = Alignment(wrap_text=True)
            r += 2
    if doc.furniture:
        ws.oddFooter.center.text = doc.furniture
    wb.save(path)
