"""Prefect flows and the `events` CLI: thin glue over extract/ and warehouse/."""
import os

# Prefect reads its settings at import time: these defaults must be set before it is imported.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "etl")
