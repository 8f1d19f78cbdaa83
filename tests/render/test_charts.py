"""The inline SVG pictures: dated dots on one axis, figures with their disagreement shown."""

from __future__ import annotations

from presswatch.render.charts import Dot, disagree, dot_plot_svg, parse_day, timeline_svg


def test_a_timeline_places_dated_dots_and_escapes_labels() -> None:
    svg = timeline_svg(
        [
            ("<b>Press</b> TV", [Dot("2025-02-08", "first <i>", "/documents/d1")]),
            ("Times", [Dot("2025-02-10", "later"), Dot("someday", "undated")]),
        ]
    )
    assert svg.count("<circle") == 2  # the undated report is left out
    assert "&lt;b&gt;Press&lt;/b&gt; TV" in svg and "<b>" not in svg
    assert '<a href="/documents/d1">' in svg
    assert "2025-02-08" in svg and "2025-02-10" in svg
    assert timeline_svg([("Times", [Dot("", "undated")])]) == ""


def test_a_dot_plot_shows_the_spread_only_when_figures_disagree() -> None:
    differing = dot_plot_svg([("A", [Dot(48000.0, "a")]), ("B", [Dot(50000.0, "b")])])
    agreeing = dot_plot_svg([("A", [Dot(50000.0, "a")]), ("B", [Dot(50400.0, "b")])])
    assert "<rect" in differing and "<rect" not in agreeing
    assert differing.count("<circle") == 2
    assert disagree([1500, 2000]) and not disagree([33, 33])
    assert dot_plot_svg([("A", [Dot("2025-01-01", "a date")])]) == ""


def test_dates_are_read_at_any_precision() -> None:
    assert str(parse_day("2025-02")) == "2025-02-01"
    assert str(parse_day("2025-02-08T10:00")) == "2025-02-08"
    assert parse_day("February") is None and parse_day(None) is None
