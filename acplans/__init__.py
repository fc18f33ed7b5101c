"""acplans: inspection reports and landlords' action plans as checked, structured data.

The top-level modules (``cli``, ``pipeline``, the officers' report in
``report/``, ``inspect_view`` and ``debug_view``) run the stages in order: extract -> normalize -> schemas
tables -> compare -> the officers' report. Around the pipeline: ``batch``
(the worker pool with per-file limits), ``chunks`` (long PDFs read in page
ranges by several workers), ``inputs`` (the files a run reads),
``cache`` (per-file results kept between runs), ``run_record`` (what a run
reported, so an unchanged re-run can stop at once), ``cluster`` (files shipped to Dask), ``console`` (progress
and summary) and ``query`` (SQL over an output folder). They may import every package
below; nothing below (extract, normalize, schemas, compare) imports them.
"""
__version__ = "0.1.0"
