"""Imported once by the fork server that starts the workers, so each worker
is forked with every stage imported and spaCy's pipeline built (the second
of start-up each worker would otherwise pay on its first owner is paid
once, and the workers share those pages), and with the collector tuned as
the command line's own process is."""
import acplans.pipeline  # noqa: F401
from acplans.batch import tune_collector
from acplans.normalize.language import english

tune_collector()

try:
    english()
except Exception:  # noqa: BLE001 - a warm-up: a worker that needs spaCy meets the error and reports it per file
    english.cache_clear()
