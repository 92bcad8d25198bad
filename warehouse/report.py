"""`events report`: one self-contained HTML page of what the warehouse knows.

A timeline of clustered events, each reporter's casualty figures over publication
time, a table for each kind that asks for one (arms authorizations), and the rejects. Every item links to its evidence
sentence and document. plotly.js is embedded, so the page needs no network.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import duckdb
import plotly.graph_objects as go

from extract.events.registry import kinds
from warehouse.db import query


def _rows(conn: duckdb.DuckDBPyConnection, query: str, parameters: list | None = None) -> list[dict]:
    cursor = conn.execute(query, parameters or [])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _timeline(conn) -> go.Figure:
    clusters = _rows(conn, query("report/timeline.sql"))
    fig = go.Figure()
    for kind in kinds():
        event_type = kind.name
        members = [c for c in clusters if c["event_type"] == event_type]
        fig.add_trace(go.Scatter(
            x=[c["date_start"] for c in members], y=[event_type.replace("_", " ") for _ in members], mode="markers",
            name=event_type.replace("_", " "), marker={"size": [8 + 5 * c["n_documents"] for c in members],
                                                       "color": kind.colour, "opacity": 0.75},
            customdata=[c["first_event"] for c in members],
            text=[f"{html.escape(c['summary'])}<br>sources: {html.escape(c['publishers'] or '-')}<br>click for evidence"
                  for c in members],
            hovertemplate="%{text}<extra></extra>"))
    fig.update_layout(title="Timeline of events (one marker per real-world event; size = number of sources)",
                      height=380, margin={"l": 140, "r": 20, "t": 50, "b": 40}, showlegend=False)
    return fig


def _casualty_series(conn) -> go.Figure:
    figures = _rows(conn, query("report/casualty_series.sql"))
    fig = go.Figure()
    for reporter, category in dict.fromkeys((f["reporter"], f["category"]) for f in figures):
        series = [f for f in figures if (f["reporter"], f["category"]) == (reporter, category)]
        fig.add_trace(go.Scatter(  # no line through unattributed figures: they are no series
            x=[f["as_of"] for f in series], y=[f["count"] for f in series],
            mode="markers" if reporter == "unattributed" else "lines+markers",
            name=f"{reporter}: {category}", customdata=[f["event_id"] for f in series],
            text=[f"{f['count']:,} {f['category']} ({f['count_qualifier']}), per {html.escape(f['reported_by'] or 'unattributed')}"
                  f"<br>as of {f['as_of']}; {html.escape(f['publisher'] or '')}, published {f['published']}"
                  f"<br>click for evidence" for f in series],
            hovertemplate="%{text}<extra></extra>"))
    fig.update_layout(title="Casualty figures over the days they stood (as of), per reporter", height=420,
                      yaxis={"title": "count", "type": "log"}, margin={"l": 60, "r": 20, "t": 50, "b": 40})
    return fig


def _table(rows: list[dict], columns: list[str], anchor: str | None = None) -> str:
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in columns)
    body = []
    for row in rows:
        ident = f' id="ev-{row[anchor]}"' if anchor else ""
        cells = "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in columns)
        body.append(f"<tr{ident}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:,.0f}"
    return str(value)


STYLE = """
body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1400px}
h1{margin-bottom:4px} .meta{color:#666;margin-bottom:16px}
.counts span{display:inline-block;margin:0 16px 8px 0;padding:6px 10px;background:#f2f4f7;border-radius:6px}
table{border-collapse:collapse;font-size:13px;margin:8px 0 24px;width:100%}
th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f7f7f7;position:sticky;top:0} tr:target{background:#fff3bf}
td:last-child{max-width:560px}
"""
CLICK_TO_EVIDENCE = """
<script>
document.querySelectorAll('.js-plotly-plot').forEach(function (plot) {
  plot.on('plotly_click', function (data) {
    var id = data.points[0].customdata;
    if (id) { location.hash = 'ev-' + id; }
  });
});
</script>
"""


def render(conn: duckdb.DuckDBPyConnection) -> str:
    counts = _rows(conn, query("report/counts.sql"))[0]
    by_type = _rows(conn, query("report/by_type.sql"))
    rejects = _rows(conn, query("report/rejects.sql"))
    evidence = _rows(conn, query("report/evidence.sql"))
    timeline = _timeline(conn).to_html(full_html=False, include_plotlyjs=True, config={"displaylogo": False})
    series = _casualty_series(conn).to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
    count_spans = "".join(f"<span><b>{v:,}</b> {k.replace('_', ' ')}</span>" for k, v in counts.items())
    type_spans = "".join(f"<span><b>{r['n']:,}</b> {r['event_type'].replace('_', ' ')}</span>" for r in by_type)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>News events report</title><style>{STYLE}</style></head>
<body>
<h1>News events report</h1>
<div class="meta">Generated {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC from the warehouse. Click a marker
to jump to its evidence sentence below.</div>
<div class="counts">{count_spans}</div><div class="counts">{type_spans}</div>
{timeline}
{series}
{_kind_tables(conn)}
<h2>Rejects</h2>
{_table(rejects, ["stage", "n", "example"])}
<h2>Evidence</h2>
{_table(evidence, ["event_type", "date_start", "date_precision", "status", "who", "location", "count", "category",
                   "reported_by", "source_file", "publisher", "published", "sentence"], anchor="event_id")}
{CLICK_TO_EVIDENCE}
</body></html>"""


def _kind_tables(conn: duckdb.DuckDBPyConnection) -> str:
    """A table for each kind that asks for one (its report_columns), under its title."""
    sections = []
    for kind in (k for k in kinds() if k.report_columns):
        rows = _rows(conn, query("report/kind_table.sql").format(columns=", ".join(kind.report_columns)), [kind.name])
        columns = ["date_start", *kind.report_columns, "status", "source_file", "sentence"]
        sections.append(f"<h2>{html.escape(kind.report_title)}</h2>\n{_table(rows, columns)}")
    return "\n".join(sections)


def write_report(conn: duckdb.DuckDBPyConnection, out: Path) -> int:
    page = render(conn)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return len(page)
