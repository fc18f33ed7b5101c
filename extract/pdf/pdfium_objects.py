"""pdfium's page objects, walked for the pdfium page source: paths and
images into the page's graphics, and each text object's font, printed size
and direction, which its characters are given.

The walk calls pdfium through private prototypes that take and return plain
ints (``prototype``), so it skips pypdfium2's pointer wrappers (hence
pypdfium2 is pinned in pyproject.toml); the character loop in
``pdfium_source`` uses the same.
"""
from __future__ import annotations

import ctypes
import math

from pypdfium2_raw.bindings import _libs

from .geometry import ImageBox, PageContent, Rect, Segment, font_style

_LIB = _libs["pdfium"]


def prototype(name: str, restype, *argtypes):
    """A private copy of a pdfium function taking and returning plain ints,
    so hot loops skip pypdfium2's pointer wrappers. Indexing the library
    makes a new function object: pypdfium2's own prototypes are untouched."""
    fn = _LIB[name]
    fn.restype, fn.argtypes = restype, argtypes
    return fn


VP, INT = ctypes.c_void_p, ctypes.c_int
_count_objects = prototype("FPDFPage_CountObjects", INT, VP)
_page_object = prototype("FPDFPage_GetObject", VP, VP, INT)
_form_count = prototype("FPDFFormObj_CountObjects", INT, VP)
_form_object = prototype("FPDFFormObj_GetObject", VP, VP, ctypes.c_ulong)
_object_type = prototype("FPDFPageObj_GetType", INT, VP)
_object_matrix = prototype("FPDFPageObj_GetMatrix", INT, VP, VP)
_draw_mode = prototype("FPDFPath_GetDrawMode", INT, VP, VP, VP)
_count_segments = prototype("FPDFPath_CountSegments", INT, VP)
_path_segment = prototype("FPDFPath_GetPathSegment", VP, VP, INT)
_segment_point = prototype("FPDFPathSegment_GetPoint", INT, VP, VP, VP)
_segment_type = prototype("FPDFPathSegment_GetType", INT, VP)
_segment_close = prototype("FPDFPathSegment_GetClose", INT, VP)
_text_font = prototype("FPDFTextObj_GetFont", VP, VP)
_font_size = prototype("FPDFTextObj_GetFontSize", INT, VP, VP)
_base_font_name = prototype("FPDFFont_GetBaseFontName", ctypes.c_size_t, VP, VP, ctypes.c_size_t)

Matrix = tuple[float, float, float, float, float, float]


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF row-vector order)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


# Page object types (fpdf_edit.h).
_TEXT, _PATH, _IMAGE, _FORM = 1, 2, 3, 5
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2


# Out-parameters the walk reuses: one allocation per process, not per object.
_MATRIX = (ctypes.c_float * 6)()
_FLOAT, _X, _Y = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
_FILL, _STROKE = ctypes.c_int(), ctypes.c_int()
_MATRIX_AT, _FLOAT_AT, _X_AT, _Y_AT, _FILL_AT, _STROKE_AT = map(
    ctypes.addressof, (_MATRIX, _FLOAT, _X, _Y, _FILL, _STROKE))


def object_matrix(obj: int) -> Matrix:
    _object_matrix(obj, _MATRIX_AT)
    return tuple(_MATRIX)


def walk_objects(parent: int, to_page: Matrix, content: PageContent, fonts: dict, form: int | None,
                 styles: dict[int, tuple] | None = None) -> None:
    """Collect paths and images into ``content``, and each text object's font,
    printed size and direction into ``fonts``, recursing into form XObjects."""
    styles = {} if styles is None else styles
    count = _form_count(parent) if form else _count_objects(parent)
    get = _form_object if form else _page_object
    for i in range(count):
        obj = get(parent, i)
        kind = _object_type(obj)
        if kind == _TEXT:
            fonts[obj] = text_object_info(obj, compose(object_matrix(obj), to_page), styles)
        elif kind == _PATH:
            read_path(obj, compose(object_matrix(obj), to_page), content)
        elif kind == _IMAGE:
            m = compose(object_matrix(obj), to_page)
            xs, ys = zip(*(apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))))
            content.images.append(ImageBox(min(xs), min(ys), max(xs), max(ys)))
        elif kind == _FORM:
            walk_objects(obj, compose(object_matrix(obj), to_page), content, fonts, form=obj, styles=styles)


def text_object_info(obj: int, m: Matrix, styles: dict[int, tuple]) -> tuple[str, float, bool, bool, bool, str | None]:
    """(font name, printed size, bold, italic, upright, turn) of a text object whose
    matrix into the displayed page is ``m``; ``styles`` caches name, bold and
    italic by font handle for one page."""
    font = _text_font(obj)
    style = styles.get(font)
    if style is None:
        name = font_name(font) if font else ""
        style = styles[font] = (name, *font_style(name))
    _font_size(obj, _FLOAT_AT)
    # In display space y grows down, so upright text runs along +x with its
    # glyphs' up vector pointing to -y.
    upright = m[0] > 0 and abs(m[1]) <= 0.05 * m[0] and m[3] < 0
    size = round(_FLOAT.value * math.hypot(m[2], m[3]), 2)
    # Its baseline running up the page (-y) reads upwards: turned anticlockwise.
    turn = None if upright or abs(m[1]) <= abs(m[0]) else ("ccw" if m[1] < 0 else "cw")
    return (style[0], size, style[1], style[2], upright, turn)


def font_name(font: int) -> str:
    buf = ctypes.create_string_buffer(256)
    length = _base_font_name(font, buf, 256)
    return buf.raw[:max(length - 1, 0)].decode("utf-8", "replace")


def read_path(obj: int, m: Matrix, content: PageContent) -> None:
    _draw_mode(obj, _FILL_AT, _STROKE_AT)
    filled, stroked = bool(_FILL.value), bool(_STROKE.value)
    if not filled and not stroked:
        return  # a clip or an invisible path draws nothing
    subpaths: list[tuple[list[tuple[float, float]], bool, bool]] = []  # points, has curves, closed
    control_points = 0  # a Bezier curve comes as three entries: two control points, then its end
    for i in range(_count_segments(obj)):
        seg = _path_segment(obj, i)
        kind = _segment_type(seg)
        if kind == _BEZIERTO and control_points < 2:
            control_points += 1
            continue  # as in pdfminer, a curve's segments join its end points only
        control_points = 0
        _segment_point(seg, _X_AT, _Y_AT)
        point = apply(m, _X.value, _Y.value)
        if kind == _MOVETO or not subpaths:
            subpaths.append(([point], False, False))
        else:
            points, curved, _ = subpaths[-1]
            points.append(point)
            subpaths[-1] = (points, curved or kind == _BEZIERTO, False)
        if _segment_close(seg):
            subpaths[-1] = (subpaths[-1][0], subpaths[-1][1], True)
    for points, curved, closed in subpaths:
        add_shape(points, curved, closed, filled, stroked, content)


def add_shape(points, curved: bool, closed: bool, filled: bool, stroked: bool, content: PageContent) -> None:
    """Classify a subpath as pdfminer does: one straight segment is a line,
    four axis-aligned sides closed a rectangle (open, only three are drawn),
    anything else a curve whose consecutive points give segments. A
    segment of no length is a dot, not a rule, and is left out."""
    if len(points) > 2 and _near(points[0], points[-1]):
        points = points[:-1]  # pdfium closes a rectangle with a redundant fifth point
        closed = True
    if not curved and len(points) == 2:
        (ax, ay), (bx, by) = points
        content.segments.append(Segment(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
        return
    if not curved and closed and len(points) == 4 and _is_rectangle(points):
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        content.rects.append(Rect(min(xs), min(ys), max(xs), max(ys), filled, stroked))
        return
    if closed and len(points) > 2:
        points = points + [points[0]]
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        if abs(ax - bx) > 0.01 or abs(ay - by) > 0.01:
            content.segments.append(Segment(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))


def _near(p, q, tol: float = 0.01) -> bool:
    return abs(p[0] - q[0]) <= tol and abs(p[1] - q[1]) <= tol


def _is_rectangle(points) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    eq = lambda a, b: abs(a - b) <= 0.01  # noqa: E731 - float32 coordinates
    return ((eq(x0, x1) and eq(y1, y2) and eq(x2, x3) and eq(y3, y0))
            or (eq(y0, y1) and eq(x1, x2) and eq(y2, y3) and eq(x3, x0)))
