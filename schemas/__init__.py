"""The tables: ``rows`` is the single source of truth for every table's
columns, ``tables`` writes and reads them as Parquet, ``dictionary``
describes them for people.

May import: the standard library and the table libraries only; nothing
else from acplans, so every stage can import it.
"""
