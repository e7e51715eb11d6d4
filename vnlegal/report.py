"""`vnlegal report`: one HTML page for the dataset, charts of the corpus a
researcher looks at before reading rows. Each chart is drawn with Plotly from
one SQL query on the dataset's database, shown under it, so every bar can be
recomputed (`vnlegal query "…"`). The page embeds plotly.js once and works
offline."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from vnlegal.pages import environment
from vnlegal.query import open_readonly, run


@dataclass
class Chart:
    id: str
    title: str
    note: str
    sql: str
    draw: Callable  # (DataFrame) -> plotly Figure


# one colour per document type in every chart
DOC_TYPE_COLOURS = {"Quyết định": "#1d4ed8", "Kế hoạch": "#ea580c", "Chương trình": "#16a34a", "Nghị quyết": "#9333ea",
                    "Chỉ thị": "#dc2626", "Đề án": "#0891b2", "(not read)": "#94a3b8"}
SOURCE_COLOURS = {"central": "#1d4ed8", "local": "#16a34a", "other": "#ea580c", "not stated": "#94a3b8"}


def _count_axis(fig, values, axis: str) -> None:
    """Whole numbers on a count axis (no "0.5 decisions")."""
    top = max(values) if len(values) else 1
    step = max(1, -(-int(top) // 8))
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(dtick=step, tick0=0)


def _bar(x, y, color=None, orientation="v"):
    def draw(df):
        import plotly.express as px
        colours = DOC_TYPE_COLOURS if color == "doc_type" else None
        fig = px.bar(df, x=x if orientation == "v" else y, y=y if orientation == "v" else x, color=color,
                     orientation=orientation, color_discrete_map=colours or {})
        totals = df.groupby(x)[y].sum().values
        if orientation == "h":
            fig.update_layout(yaxis={"categoryorder": "total ascending", "title": None})
            _count_axis(fig, totals, "x")
        else:
            fig.update_xaxes(dtick=1)
            _count_axis(fig, totals, "y")
        return fig
    return draw


def _money_by_year(df):
    import plotly.express as px
    df = df.assign(billion_vnd=df["amount_vnd"] / 1e9)
    rows = -(-df["province"].nunique() // 3)
    fig = px.bar(df, x="year", y="billion_vnd", color="source", facet_col="province", facet_col_wrap=3,
                 color_discrete_map=SOURCE_COLOURS, facet_row_spacing=min(0.12, 0.5 / max(rows, 1)),
                 labels={"billion_vnd": "tỷ đồng (billion VND)", "year": "year", "source": "source"})
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
    fig.update_xaxes(dtick=1)
    fig.update_layout(height=max(380, 260 * rows))
    return fig


def _targets(df):
    import plotly.express as px
    fig = px.scatter(df, x="deadline", y="metric", size="targets", color="unit",
                     labels={"deadline": "year due", "metric": "metric (first words)", "targets": "targets"})
    fig.update_xaxes(dtick=1)
    fig.update_layout(yaxis={"categoryorder": "total ascending"})
    return fig


# Every chart counts each decision once: through the render the dataset
# prefers when the same decision came as several files (documents.preferred).
CHARTS: list[Chart] = [
    Chart("decisions", "Decisions by province and type",
          "Each decision once; the province on today's map (after the 2025 merger), the issuer's own locality "
          "when it is not on the map.",
          """SELECT coalesce(province_today, locality, '(not read)') AS province,
                    coalesce(doc_type, '(not read)') AS doc_type, COUNT(*) AS decisions
             FROM documents WHERE preferred = 1 GROUP BY 1, 2 ORDER BY 3 DESC""",
          _bar("province", "decisions", color="doc_type", orientation="h")),
    Chart("years", "Decisions by year of issue and type", "Each decision once.",
          """SELECT issued_year AS year, coalesce(doc_type, '(not read)') AS doc_type, COUNT(*) AS decisions
             FROM documents WHERE preferred = 1 AND issued_year IS NOT NULL GROUP BY 1, 2 ORDER BY 1""",
          _bar("year", "decisions", color="doc_type")),
    Chart("budgets", "Planned budgets by province and year, by source",
          "Sums of the budget tables' cells (VND) of each decision once, one panel per province on today's map; "
          "the source is the table's own column (central, local, other) where it has one.",
          """SELECT coalesce(d.province_today, d.locality, '(not read)') AS province, i.year,
                    coalesce(i.source, 'not stated') AS source, SUM(i.amount_vnd) AS amount_vnd
             FROM budget_items i JOIN documents d USING (doc_id)
             WHERE d.preferred = 1 AND i.year IS NOT NULL AND i.amount_vnd IS NOT NULL
             GROUP BY 1, 2, 3 ORDER BY 1, 2""",
          _money_by_year),
    Chart("targets", "Targets by metric and deadline",
          "Quantified goals grouped by the first words of their metric; the size is the number of targets.",
          """SELECT substr(t.metric, 1, 48) AS metric, t.deadline, coalesce(t.unit, '') AS unit, COUNT(*) AS targets
             FROM targets t JOIN documents d USING (doc_id)
             WHERE d.preferred = 1 AND t.deadline IS NOT NULL AND t.metric IS NOT NULL
             GROUP BY 1, 2, 3 ORDER BY targets DESC LIMIT 60""",
          _targets),
    Chart("leads", "Bodies given the most lead roles",
          "Number of decisions naming the body as the one that leads (chủ trì).",
          """SELECT name, documents AS decisions FROM agencies_by_role WHERE role = 'lead'
             ORDER BY decisions DESC, name LIMIT 20""",
          _bar("name", "decisions", orientation="h")),
    Chart("citations", "The most cited instruments",
          "Legal bases (Căn cứ) by instrument: its number, or a law's name and date of adoption.",
          """SELECT instrument_key AS instrument, COUNT(DISTINCT citing_doc_id) AS decisions
             FROM citations WHERE instrument_key IS NOT NULL GROUP BY 1
             ORDER BY decisions DESC, instrument LIMIT 20""",
          _bar("instrument", "decisions", orientation="h")),
]


@dataclass
class Drawn:
    chart: Chart
    html: str  # the figure's <div>, or "" when the query gave no rows
    rows: int


def draw(db: Path, charts: list[Chart] = CHARTS) -> list[Drawn]:
    import pandas as pd

    con = open_readonly(db, seconds=120)
    out, first = [], True
    try:
        for c in charts:
            result = run(con, c.sql)
            df = pd.DataFrame(result.rows, columns=result.columns)
            if df.empty:
                out.append(Drawn(c, "", 0))
                continue
            fig = c.draw(df)
            fig.update_layout(margin={"l": 10, "r": 10, "t": 30, "b": 10},
                              height=fig.layout.height or max(380, 26 * min(len(df), 30)),
                              font={"family": "Noto Sans, DejaVu Sans, Arial, sans-serif"})
            # plotly.js goes into the page once, with the first chart: the page works offline
            out.append(Drawn(c, fig.to_html(full_html=False, include_plotlyjs=first, div_id=f"chart-{c.id}"),
                             len(df)))
            first = False
    finally:
        con.close()
    return out


def summary(db: Path) -> dict:
    con = open_readonly(db, seconds=60)
    try:
        one = lambda sql: run(con, sql).rows[0][0]  # noqa: E731
        mine = "doc_id IN (SELECT doc_id FROM documents WHERE preferred = 1)"
        return {"decisions": one("SELECT COUNT(*) FROM documents WHERE preferred = 1"),
                "files": one("SELECT COUNT(*) FROM documents"),
                "provinces": one("SELECT COUNT(DISTINCT coalesce(province_today, locality)) FROM documents"),
                "years": one("SELECT min(issued_year) || '–' || max(issued_year) FROM documents"),
                "targets": one(f"SELECT COUNT(*) FROM targets WHERE {mine}"),
                "budget_vnd": one(f"SELECT SUM(amount_vnd) FROM budget_items WHERE {mine}"),
                "issues": one(f"SELECT COUNT(*) FROM issues WHERE {mine}")}
    finally:
        con.close()


def render(db: Path) -> str:
    """The report page for the database ``db``."""
    s = summary(db)
    return environment().get_template("report.html.j2").render(charts=draw(db), s=s, db=Path(db).name)
