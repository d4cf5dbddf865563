#!/usr/bin/env python3
"""Size and load time of a `geokg view` page of 1,000 edges with evidence (BENCHMARKS.md).

    python3 benches/view_page.py [--geokg target/release/geokg] [--edges 1000] [--runs 5]

Writes a generated graph file (180 actors, EDGES edges, one to three claims on each: a
citation or a sentence with its document, half of them dated), makes its page with
`geokg view`, and opens it RUNS times in headless Chromium (as tests/browser/view_test.py
starts it; each load from an empty tab). For each load it reads, from the page itself: when its script had finished
(the page is interactive: handlers attached, panel and picture drawn), in ms from
navigation start; the load event; and how long a click on the busiest actor takes to
highlight its ties and fill the panel. Needs Graphviz, Chromium, chromedriver, selenium.
"""

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
import view_test  # noqa: E402

WORDS = ("forces ministry envoy arms drones fighters talks ceasefire offensive statement "
         "report sanctions militia airbase port oil council mission embargo border").split()


def graph(edges, actors=180, seed=7):
    rng = random.Random(seed)
    kinds = ["state", "government", "person", "armed_group", "political_body"]
    names = [f"Actor {i:03d} {rng.choice(WORDS).title()}" for i in range(actors)]
    out_actors = [{"id": f"a{i:03d}", "name": n, "kind": rng.choice(kinds),
                   "aliases": [f"A{i:03d}"]} for i, n in enumerate(names)]
    seen, claims = set(), []
    while len(seen) < edges:
        s, t = rng.sample(range(actors), 2)
        rel = rng.choice(["supports", "supports", "opposes", "warns"])
        if (s, rel, t) in seen:
            continue
        seen.add((s, rel, t))
        for k in range(rng.randint(1, 3)):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(14, 24)))
            c = {"source": f"a{s:03d}", "relation": rel, "target": f"a{t:03d}",
                 "hedged": rng.random() < 0.2, "confidence": 1.0}
            if rng.random() < 0.5:
                c["from"] = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}"
            if k % 2 == 0:
                c["citation"] = f"{names[s]} and {names[t]}: {text} (Report {rng.randint(1, 999)})"
            else:
                sentence = f"{names[s]} {rel} {names[t]}, {text}."
                c["evidence"] = {"doc": f"wire/{rng.randint(1, 5000)}", "sentence_index": k,
                                 "span": [0, len(sentence.encode())], "sentence": sentence,
                                 "rule": "bench"}
            claims.append(c)
    return {"format": "geokg-graph", "version": 1, "actors": out_actors, "claims": claims}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--geokg", default="target/release/geokg")
    ap.add_argument("--edges", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="geokg-view-bench-"))
    g = graph(args.edges)
    (work / "g.json").write_text(json.dumps(g))
    page = work / "page.html"
    started = time.perf_counter()
    subprocess.run([args.geokg, "--graph", str(work / "g.json"), "view", "-o", str(page)], check=True)
    made = time.perf_counter() - started
    size = page.stat().st_size
    print(f"graph: {len(g['actors'])} actors, {args.edges} edges, {len(g['claims'])} claims")
    print(f"page: {size / 1e6:.2f} MB ({size} bytes), written in {made:.2f} s (layout included)")

    driver, profile = view_test.start_browser(view_test.first(view_test.CHROMIUM),
                                              view_test.first(view_test.CHROMEDRIVER))
    rows = []
    try:
        for _ in range(args.runs):
            driver.get("about:blank")  # each load starts from an empty tab
            ready = view_test.open_page(driver, page.as_uri())
            load = driver.execute_script(
                "return Math.round(performance.getEntriesByType('navigation')[0].loadEventEnd)")
            click = driver.execute_script("""
                const data = JSON.parse(document.getElementById('geokg-data').textContent);
                const degree = data.actors.map(() => 0);
                data.edges.forEach(e => { degree[e.source]++; degree[e.target]++; });
                const busiest = degree.indexOf(Math.max(...degree));
                const node = document.getElementById(data.actors[busiest].svg);
                const t0 = performance.now();
                node.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                const ties = document.querySelectorAll('#panel li.tie').length;
                return [performance.now() - t0, ties];""")
            assert view_test.requests_made(driver) == [], "the page made a request"
            rows.append((ready, load, click[0], click[1]))
    finally:
        driver.quit()
    for ready, load, click, ties in rows:
        print(f"  interactive {ready} ms, load event {load} ms, click to panel {click:.0f} ms ({ties} ties)")
    print(f"interactive: median {statistics.median(r[0] for r in rows):.0f} ms, "
          f"slowest {max(r[0] for r in rows)} ms; click to panel: median "
          f"{statistics.median(r[2] for r in rows):.0f} ms, slowest {max(r[2] for r in rows):.0f} ms")


if __name__ == "__main__":
    main()
