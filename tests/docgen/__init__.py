"""A generator of varied inspection reports and action plans, with gold answers.

One ``Spec`` (``spec.py``: landlord, recommendations and bullets, deadlines,
responses, owners, actions, dates, statuses and planted findings) is drawn
from a seed; ``gold.py`` writes what a perfect run extracts from it in the
gold JSON format of ../shared/gold/README.md; the ``render_*`` modules print
the same spec as text, DOCX, PDF and XLSX documents in several layouts and
styles; ``variants.py`` names the combinations and scores a pipeline run on
each. The vocabulary (landlord name shapes, posts, date and ref styles) is
deliberately varied so that code fixed against it generalises.
"""
