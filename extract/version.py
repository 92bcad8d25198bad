"""Bump when extraction output changes: the next run re-extracts every document."""
EXTRACTOR_VERSION = "0.3.0"
