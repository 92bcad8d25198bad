"""Pure extraction: text in, validated event records out. Never imports Prefect or DuckDB."""
from extract.version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION"]
