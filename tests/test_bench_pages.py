"""The page report's verdict against its targets (bench/pages.py, docs/adr/0080)."""

from bench import pages


def _page(ratio, growth=1.0, ms=10.0, html=True):
    sizes = {
        "100": {"ratio": ratio / growth, "median_ms": ms},
        "20000": {"ratio": ratio, "median_ms": ms},
    }
    return {"role": "owner", "html": html, "sizes": sizes, "growth": growth}


def test_the_verdict_names_each_page_over_its_bar_and_leaves_downloads_out_of_the_median():
    report = {
        "sizes": [100, 20000],
        "pages": {
            "": _page(2.0),
            "team/": _page(5.2),
            "journal/": _page(3.0, growth=1.4),
            "admin/people/person/": _page(9.0),
            "admin/people/person/<path:object_id>/change/": _page(10.5),
            "learning/curate/export.csv": _page(300.0, growth=2.0, ms=1200.0, html=False),
            "journal/<num:year>/pdf/": _page(40.0, growth=2.0, ms=150.0, html=False),
        },
    }
    lines = pages.verdict(report)
    assert lines[2] == "- median HTML page: 5.20 (bar 3.0; 5 pages)"
    assert lines[3] == "- Trellis pages over 5.0: /team/ (5.20)"
    assert (
        lines[4]
        == "- admin pages over 10.0: /admin/people/person/<path:object_id>/change/ (10.50)"
    )
    assert lines[5] == "- HTML pages growing over 1.3: /journal/ (1.40)"
    slow = "/learning/curate/export.csv (1200.00)"
    assert lines[6] == f"- other answers (downloads, scripts) over 1000 ms: {slow}"


def test_a_report_within_every_bar_says_none():
    report = {"sizes": [100, 20000], "pages": {"": _page(2.0), "admin/": _page(9.9)}}
    assert [line.split(": ", 1)[1] for line in pages.verdict(report)[3:]] == ["none"] * 4
