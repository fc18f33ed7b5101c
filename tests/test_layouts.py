"""Layout strategies: each layout scores the documents laid out its way above
the others, the best-scoring one reads the part, and the splitter calls a
part by the same signs the layouts read."""
from acplans.extract.layouts import (PLAN_LAYOUTS, REPORT_LAYOUTS, best_layout, cover_report, entry_tables,
                                     inspection_report, long_table, status_cells)
from acplans.extract.model import Block, BlockKind, Cell, Document, Row, Table
from acplans.extract.plan import extract_plan
from acplans.extract.records import DocKind, DocumentPart
from acplans.extract.segment import split_document

WHOLE = DocumentPart(DocKind.ACTION_PLAN, None, None)


def model(*blocks, path="built.docx"):
    return Document(source_path=path, file_type="docx", sha256="0", blocks=list(blocks))


def para(text, kind=BlockKind.PARAGRAPH):
    return Block(kind, text, locator=f"p/{text[:10]}")


def table(header, rows):
    cells = [Row([Cell(t, r, c) for c, t in enumerate(row)]) for r, row in enumerate(rows)]
    return Block(BlockKind.TABLE, "", locator="t", table=Table(header, cells))


def entries_with_due_column():
    return model(
        para("R1 AUDIT COMMISSION RECOMMENDATION: IMPROVE REPAIRS", BlockKind.HEADING),
        para("R1.1 Offer appointments for all repairs."),
        para("Responsible: Sam Green - Repairs Manager"),
        table(["Key actions", "By when", "Progress"], [["Agree appointment slots", "May 2010", "Agreed"]]),
        para("R1.2 Publish repair times."),
        table(["Key actions", "By when", "Progress"], [["Print the leaflet", "June 2010", ""]]))


def entries_with_status_cells():
    return model(
        para("Recommendation 2A: Collect profile data", BlockKind.HEADING),
        table(["What we will do", "How we will do it"],
              [["Survey all tenants\nSurvey underway since March 2010", "Postal survey"]]),
        para("Recommendation 2B: Use the data"),
        table(["What we will do", "How we will do it"],
              [["Analyse the data by strand\nCompleted June 2010", "Workshop"]]))


def one_long_table():
    return model(
        para("Improvement plan", BlockKind.HEADING),
        table(["Ref", "Recommendation", "Action", "Lead officer", "Target date"],
              [["R3", "Improve gas servicing", "Write a no-access policy", "Jane Smith", "March 2011"],
               ["", "", "Train gas engineers", "Tom Jones", "June 2011"],
               ["R4", "Publish standards", "Agree standards with tenants", "Ann Lee", "Sept 2010"]]))


def test_each_plan_layout_scores_its_own_layout_best():
    for doc, expected in [(entries_with_due_column(), entry_tables), (entries_with_status_cells(), status_cells),
                          (one_long_table(), long_table)]:
        scores = {layout.__name__.rsplit(".", 1)[-1]: layout.score(doc, WHOLE) for layout in PLAN_LAYOUTS}
        assert best_layout(doc, WHOLE, PLAN_LAYOUTS) is expected, scores
    assert [layout.score(entries_with_due_column(), WHOLE) for layout in PLAN_LAYOUTS] == [2.0, 0.0, 0.0]
    assert [layout.score(entries_with_status_cells(), WHOLE) for layout in PLAN_LAYOUTS] == [0.0, 2.0, 0.0]
    assert [layout.score(one_long_table(), WHOLE) for layout in PLAN_LAYOUTS] == [0.0, 0.0, 2.0]


def test_the_chosen_layout_reads_the_plan():
    ex = extract_plan(entries_with_due_column(), WHOLE, 0)
    assert [(r.ref_as_written, r.heading_ref, r.responsible_text, [(a.text, a.due_text) for a in r.actions])
            for r in ex.responses] == [
        ("R1.1", "R1", "Sam Green - Repairs Manager", [("Agree appointment slots", "May 2010")]),
        ("R1.2", "R1", None, [("Print the leaflet", "June 2010")])]
    ex = extract_plan(entries_with_status_cells(), WHOLE, 0)
    assert [(r.ref_as_written, [(a.text, a.due_text) for a in r.actions]) for r in ex.responses] == [
        ("Recommendation 2A", [("Survey all tenants", "Survey underway since March 2010")]),
        ("Recommendation 2B", [("Analyse the data by strand", "Completed June 2010")])]
    ex = extract_plan(one_long_table(), WHOLE, 0)
    assert [(r.ref_as_written, r.text, [a.owner_text for a in r.actions]) for r in ex.responses] == [
        ("R3", "Improve gas servicing", ["Jane Smith", "Tom Jones"]),
        ("R4", "Publish standards", ["Ann Lee"])]


def test_an_entries_plan_also_reads_a_long_table_no_entry_owns():
    doc = model(*entries_with_due_column().blocks, *one_long_table().blocks)
    assert best_layout(doc, WHOLE, PLAN_LAYOUTS) is entry_tables
    ex = extract_plan(doc, WHOLE, 0)
    assert [r.ref_as_written for r in ex.responses] == ["R1.1", "R1.2", "R3", "R4"]


def report_part():
    return model(
        para("Recommendations", BlockKind.HEADING),
        para("R1 The landlord should improve repairs by:"),
        para("a) offering appointments;", BlockKind.LIST_ITEM),
        para("b) publishing repair times.", BlockKind.LIST_ITEM),
        para("This will have high impact with low costs. This should be carried out by June 2011."),
        table(["Area", "Assessment"], [["Repairs", "Fair"]]))


def cover_part():
    return model(
        para("Report to the Housing Panel", BlockKind.HEADING),
        para("The inspection made 12 recommendations grouped under four headings."))


def test_report_layouts_score_their_own_documents():
    report, cover = report_part(), cover_part()
    part = DocumentPart(DocKind.INSPECTION_REPORT, None, None)
    assert (inspection_report.score(report, part), cover_report.score(report, part)) == (2.0, 0.0)
    assert (inspection_report.score(cover, part), cover_report.score(cover, part)) == (0.0, 2.0)
    assert best_layout(report, part, REPORT_LAYOUTS) is inspection_report
    assert best_layout(cover, part, REPORT_LAYOUTS) is cover_report
    ex = inspection_report.extract(report, part, 0)
    assert [(r.ref, r.ref_as_written, r.text, r.target_date_text, r.impact) for r in ex.recommendations] == [
        ("R1", "R1", "The landlord should improve repairs by:", "June 2011", "high"),
        ("R1.1", "a)", "offering appointments", "June 2011", "high"),
        ("R1.2", "b)", "publishing repair times", "June 2011", "high")]
    claims = cover_report.extract(cover, part, 0).claims
    assert [(c.what, c.count) for c in claims] == [("recommendations", 12), ("headings", 4)]


def test_splitter_reads_plan_entries_as_plan_not_report_headlines():
    # The splitter counts report headlines as the report layout finds them:
    # "R1.1 ..." plan entries and "R1 AUDIT COMMISSION ..." groups are not.
    assert inspection_report.headline_match(para("R1 Improve repairs by June 2011."))
    assert not inspection_report.headline_match(para("R1.1 Offer appointments for all repairs."))
    assert not inspection_report.headline_match(para("R1 AUDIT COMMISSION RECOMMENDATION: IMPROVE REPAIRS"))
    parts = split_document(entries_with_due_column())
    assert [p.kind for p in parts] == [DocKind.ACTION_PLAN]


def test_an_entrys_table_with_a_recommendation_column_stays_the_entrys():
    doc = model(
        para("R5.1 Review the lettings policy."),
        table(["Recommendation", "Action", "By"],
              [["Fair lettings", "Draft the policy", "May 2010"],
               ["Choice", "Consult tenants", "June 2010"],
               ["Access", "Publish the policy", "July 2010"]]))
    assert long_table.score(doc, WHOLE) == 0.0 and entry_tables.score(doc, WHOLE) == 1.0
    (resp,) = extract_plan(doc, WHOLE, 0).responses
    assert (resp.ref_as_written, [a.text for a in resp.actions]) == (
        "R5.1", ["Draft the policy", "Consult tenants", "Publish the policy"])


def test_a_ref_printed_against_its_word_survives_an_ocr_glyph_in_the_joint():
    from acplans.extract.layouts.entries import parse_entry_ref
    assert parse_entry_ref("Recommendationl1F: Monitor contractors") == ("Recommendation1F", "Monitor contractors")
    assert parse_entry_ref("Recommendation|2A: Understand the links") == ("Recommendation2A", "Understand the links")
    assert parse_entry_ref("Recommendations: Monitor contractors") is None
