"""`python -m bench --compare A.json B.json`: the change between two page reports.

For each page in both (bench/pages.py's JSON), at each size both measured: the ratio
to the signed-in floor in A and B and the change in per cent (ratios, not times, as
each run's floor absorbs the machine's drift), and the query counts where they
differ. Pages timed in only one report, or missing from B, are listed after.
"""

import json
from pathlib import Path


def compare(a_path, b_path):
    """The comparison of the reports at `a_path` and `b_path` as lines of text."""
    a, b = (json.loads(Path(p).read_text()) for p in (a_path, b_path))
    sizes = [str(s) for s in a["sizes"] if s in b["sizes"]]
    lines = [f"{a_path} ({a['created']}) -> {b_path} ({b['created']})"]
    head = f"  {'page':<60}"
    for s in sizes:
        head += f" {'x floor @' + f'{int(s):,}':>22} {'queries':>9}"
    lines.append(head)
    for route in a["pages"]:
        if route not in b["pages"]:
            continue
        line = f"  /{route:<59}"
        for s in sizes:
            fa, fb = a["pages"][route]["sizes"][s], b["pages"][route]["sizes"][s]
            change = (fb["ratio"] / fa["ratio"] - 1) * 100
            ratios = f"{fa['ratio']:.2f}->{fb['ratio']:.2f} {change:+4.0f}%"
            queries = str(fa["queries"])
            if fb["queries"] != fa["queries"]:
                queries = f"{fa['queries']}->{fb['queries']}"
            line += f" {ratios:>22} {queries:>9}"
        lines.append(line)
    only_a = [r for r in a["pages"] if r not in b["pages"]]
    only_b = [r for r in b["pages"] if r not in a["pages"]]
    lines += [f"  timed in A only: /{r} ({b['missing'].get(r, 'no such route')})" for r in only_a]
    lines += [f"  timed in B only: /{r}" for r in only_b]
    return lines
