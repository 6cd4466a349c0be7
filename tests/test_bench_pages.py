"""The page report's verdict against its targets (bench/pages.py, docs/adr/0080)."""

from bench import pages


def _page(ratio, growth=1.0, ms=10.0, download=False, queries=(5, 5)):
    sizes = {
        "100": {"ratio": ratio / growth, "median_ms": ms, "queries": queries[0]},
        "20000": {"ratio": ratio, "median_ms": ms, "queries": queries[1]},
    }
    return {"role": "owner", "download": download, "sizes": sizes, "growth": growth}


def test_the_verdict_names_each_page_over_its_bar_and_leaves_downloads_out_of_the_median():
    report = {
        "sizes": [100, 20000],
        "pages": {
            "": _page(2.0),
            "team/": _page(5.2),
            "journal/": _page(3.0, growth=1.4, queries=(7, 8)),
            "admin/people/person/": _page(9.0),
            "admin/people/person/<path:object_id>/change/": _page(10.5),
            "learning/curate/export.csv": _page(300.0, growth=2.0, ms=1200.0, download=True),
            "journal/<num:year>/pdf/": _page(40.0, growth=2.0, ms=150.0, download=True),
        },
    }
    lines = pages.verdict(report)
    assert lines[2] == "- median page: 5.20, over its bar of 3.0 (5 pages)"
    assert lines[3] == "- Trellis pages over 5.0: /team/ (5.20)"
    admin = "/admin/people/person/<path:object_id>/change/ (10.50)"
    assert lines[4] == f"- admin pages over 10.0: {admin}"
    assert lines[5] == "- pages growing over 1.3: /journal/ (1.40)"
    assert lines[6] == "- downloads over 1000 ms: /learning/curate/export.csv (1200.00)"
    assert lines[7] == "- queries differing between 100 and 20,000 people: /journal/ (7 to 8)"


def test_a_report_within_every_bar_says_so():
    report = {"sizes": [100, 20000], "pages": {"": _page(2.0), "admin/": _page(9.9)}}
    lines = pages.verdict(report)
    assert lines[2] == "- median page: 5.95, over its bar of 3.0 (2 pages)"
    assert [line.split(": ", 1)[1] for line in lines[3:]] == ["none"] * 5
    report["pages"]["admin/"] = _page(2.4)
    assert pages.verdict(report)[2] == "- median page: 2.20, within its bar of 3.0 (2 pages)"
