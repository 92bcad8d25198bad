"""The only package that touches DuckDB: schema, bulk load, views, queries and export."""
