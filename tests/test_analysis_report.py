"""The HTML report: standalone, inline SVG, escaped evidence."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_analysis_shifts import _db_with_planted_shift

from allegiance.analysis.report import build_report, write_report
from allegiance.analysis.svg import line_chart, network_chart
from allegiance.analysis.textplot import sparkline


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def test_report_is_standalone_and_escaped(tmp_path: Path) -> None:
    con = _db_with_planted_shift()
    con.execute("UPDATE events SET sentence = 'Mali <b>accuses</b> France & co.' WHERE id = 'x1'")
    path = write_report(con, tmp_path / "r.html", countries=["MLI"], powers=["FRA", "RUS"])
    html = path.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert tags.count("svg") == 3  # alignment, dyad net (one country each), network
    assert not any(v and ("http" in v and "w3.org" not in v) for _, a in parser.tags
                   for v in a.values())
    assert "<b>accuses</b>" not in html
    assert "MLI away from FRA" in html and "MLI toward RUS" in html
    assert "Planted" in html  # evidence sentences are shown


def test_svg_helpers() -> None:
    svg = line_chart(["a", "b", "c"], {"F<R>A": [0.5, -0.5, 1.0]}, "t & t", (-1.0, 1.0))
    assert svg.startswith("<svg") and "F&lt;R&gt;A" in svg and "t &amp; t" in svg
    assert svg.count("<polyline") == 1
    net = network_chart([("A", 0), ("B", 1)], [("A", "B", -3.0)], {"A": (0, 0), "B": (1, 1)}, "n")
    assert "#d62728" in net and net.count("<circle") == 2
    assert sparkline([-1.0, 0.0, 1.0, 5.0]) == "▁▅██"
    with pytest.raises(ValueError):
        sparkline([0.0], lo=1, hi=1)


def test_build_report_on_empty_database() -> None:
    from importlib import resources

    import duckdb

    con = duckdb.connect()
    con.execute(resources.files("allegiance.store").joinpath("migrations/001_initial.sql")
                .read_text(encoding="utf-8"))
    html = build_report(con)
    assert "No realignment detected" in html and html.rstrip().endswith("</html>")
