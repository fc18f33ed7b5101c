"""The tables: row classes (``rows``, the single source of truth), the
``Tables`` bundle every stage hands on (``bundle``), Arrow schemas, validation,
the atomic writer and the loader (``tables``), and the data dictionary.

May import: nothing from acplans outside this folder but the leaf module
acplans.extract.formats (the registry of input formats, standard library
only), so every stage can import it.
"""
