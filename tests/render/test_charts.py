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


def test_the_comparison_page_draws_each_subjects_figures_on_one_axis() -> None:
    from presswatch.model import Claim, ClaimValue, Document, Record
    from presswatch.render.compare import claim_figure, render_comparison

    def claim(doc: str, value: ClaimValue) -> Claim:
        return Claim(id=f"{doc}.c", doc=doc, start=0, end=4, text="x", subject="war", value=value)

    years = claim("d1", ClaimValue(type="duration", amount=1.5, unit="year", months=18.0))
    days = claim("d2", ClaimValue(type="duration", amount=471, unit="day", months=15.5))
    record = Record(
        documents=[
            Document(id="d1", source="a", outlet="Press TV", published="2025-02-09", text="x"),
            Document(id="d2", source="b", outlet="Al Mayadeen", published="2025-02-08", text="x"),
        ],
        claims=[years, days],
    )
    assert claim_figure(years) == ("war (months)", 18.0)
    assert claim_figure(claim("d1", ClaimValue(type="date", start="2023-10-07"))) is None
    page = render_comparison(record)
    pictures = page[page.index('<section id="pictures">') :]
    assert pictures.count('<svg class="chart"') == 2  # the reports' timeline, the war's months
    assert "<h3>war (months)</h3>" in pictures and "<rect" in pictures
