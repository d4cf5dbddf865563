#!/usr/bin/env python3
"""Browser test of `geokg view`: headless Chromium driven through WebDriver (selenium).

    python3 tests/browser/view_test.py [--geokg PATH] [--screenshot FILE] [--require]

It writes pages with the geokg binary (default target/release/geokg, or $GEOKG), opens
them from disk and checks, on the embedded data focused on Libya: typing "Haftar" in the
search box offers Khalifa Haftar; clicking him (in the list, then in the picture) fills
the panel with his ties, among them Egypt, Russia and the United Arab Emirates as
backers with their citations; the fragment reopens the same view; the filters hide
ties. On a graph with hostile names (`</script><img onerror=...>` and the like), nothing
runs and the names show as text. On every page, no request leaves the page: no network
event in Chromium's performance log but file: and data:, no resource entry, and no
Content-Security-Policy violation; a copy of the page with an external image must fail
that check, so the check is known to work.

Without Chromium, chromedriver or selenium it prints why and exits 0, unless --require
(or GEOKG_REQUIRE_BROWSER=1, as .ci/run sets), when it fails.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
CHROMEDRIVER = ["/usr/bin/chromedriver"]

HOSTILE_NAME = '</script><img src=x onerror="window.__pwned=1">'
HOSTILE_ALIAS = "<svg onload=window.__pwned=2>"
HOSTILE_CITATION = "Report </script><script>window.__pwned=3</script> see https://example.org/r?a=1&b=2 or javascript:window.__pwned=4"
HOSTILE_SENTENCE = "Alpha <b onmouseover=window.__pwned=5>backs</b> the \u2028 </script> Front."
HOSTILE_DOC = "doc\"><img src=x onerror=window.__pwned=6>"


def first(paths):
    for p in paths:
        if Path(p).exists():
            return p
    return shutil.which(Path(paths[0]).name)


def skip_or_fail(why, require):
    if require:
        print(f"view browser test: FAILED: {why}", file=sys.stderr)
        sys.exit(1)
    print(f"view browser test: skipped: {why}")
    sys.exit(0)


def start_browser(chromium, chromedriver):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="geokg-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,900", f"--user-data-dir={profile}",
    ]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=opts)
    # record CSP violations from the first moment of every page
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": (
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")})
    return driver, profile


def open_page(driver, url):
    driver.get_log("performance")  # drop earlier events
    driver.get(url)
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.body && document.body.dataset.ready"))
    return int(driver.execute_script("return document.body.dataset.ready"))


def requests_made(driver):
    """Every request the page made or tried beyond file: and data: URLs."""
    out = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            url = msg["params"]["request"]["url"]
            if not url.startswith(("file:", "data:")):
                out.append(url)
    out += driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(u => !u.startsWith('file:') && !u.startsWith('data:'))")
    out += ["CSP: " + v for v in driver.execute_script("return window.__violations || []")]
    return out


def wait(driver, what, timeout=5):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(what))


def panel_ties(driver, direction, relation):
    """{actor id: (name, [evidence texts])} of one group of the panel."""
    return driver.execute_script("""
        const out = {};
        document.querySelectorAll(
            `#panel section[data-direction="${arguments[0]}"][data-relation="${arguments[1]}"] li.tie`
        ).forEach(li => {
            out[li.dataset.actor] = [li.querySelector('button.actor').textContent,
                [...li.querySelectorAll('.evidence li')].map(e => e.textContent)];
        });
        return out;""", direction, relation)


def search_and_pick(driver, text, actor_id):
    from selenium.webdriver.common.by import By
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(text)
    option = wait(driver, f"""return [...document.querySelectorAll('#suggestions li.option')]
        .find(li => li.dataset.actor === {json.dumps(actor_id)})""")
    shown = option.text
    option.click()
    return shown


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print(f"  ok: {what}")


def hostile_graph(path):
    sentence = HOSTILE_SENTENCE
    graph = {
        "format": "geokg-graph", "version": 1,
        "actors": [
            {"id": "alpha", "name": "Alpha", "kind": "state", "aliases": [HOSTILE_ALIAS]},
            {"id": "evil", "name": HOSTILE_NAME, "kind": "armed_group"},
            {"id": "front", "name": "Front & \"Co\" 'x'", "kind": "armed_group"},
        ],
        "claims": [
            {"source": "alpha", "relation": "supports", "target": "evil", "hedged": False,
             "confidence": 1.0, "from": "2019", "citation": HOSTILE_CITATION},
            {"source": "evil", "relation": "opposes", "target": "front", "hedged": True,
             "confidence": 0.6, "from": "2020-01-02",
             "evidence": {"doc": HOSTILE_DOC, "sentence_index": 0,
                          "span": [0, len(sentence.encode())], "sentence": sentence,
                          "rule": "test"}},
        ],
    }
    path.write_text(json.dumps(graph), encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--geokg", default=os.environ.get("GEOKG", str(ROOT / "target/release/geokg")))
    ap.add_argument("--screenshot", help="save a picture of the Haftar view here")
    ap.add_argument("--require", action="store_true",
                    default=os.environ.get("GEOKG_REQUIRE_BROWSER") == "1",
                    help="fail instead of skipping when the browser is missing")
    args = ap.parse_args()

    chromium, chromedriver = first(CHROMIUM), first(CHROMEDRIVER)
    if not chromium or not chromedriver:
        skip_or_fail("chromium or chromedriver not installed "
                     "(apt-get install chromium chromium-driver)", args.require)
    try:
        import selenium  # noqa: F401
    except ImportError:
        skip_or_fail("python selenium not installed (pip install selenium)", args.require)
    if not Path(args.geokg).exists():
        skip_or_fail(f"no geokg binary at {args.geokg} (cargo build --release)", args.require)

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    work = Path(tempfile.mkdtemp(prefix="geokg-view-test-"))
    libya = work / "libya.html"
    subprocess.run([args.geokg, "view", "--focus", "Libya", "-o", str(libya)], check=True)
    hostile_json = work / "hostile.graph.json"
    hostile_graph(hostile_json)
    hostile = work / "hostile.html"
    subprocess.run([args.geokg, "--graph", str(hostile_json), "view", "-o", str(hostile)],
                   check=True)
    # the control: the same page with one external picture, which the check must see
    leaky = work / "leaky.html"
    leaky.write_text(libya.read_text(encoding="utf-8").replace(
        "</main>", '<img src="http://192.0.2.1/pixel.png" alt=""></main>', 1), encoding="utf-8")

    driver, profile = start_browser(chromium, chromedriver)
    try:
        print("view browser test: the embedded data, --focus Libya")
        ready = open_page(driver, libya.as_uri())
        check(requests_made(driver) == [], "the page made no request while loading")
        check(driver.execute_script("return document.querySelectorAll('#graph svg g.node').length") > 20,
              "the picture is inline, with its nodes")
        check(driver.execute_script("return !!document.querySelector('#graph svg text') && "
                                    "[...document.querySelectorAll('#graph svg text')].some(t => t.textContent.includes('hedged (alleged)'))"),
              "the legend of the static picture is there")
        print(f"  page ready {ready} ms after navigation start")

        shown = search_and_pick(driver, "Haftar", "khalifa-haftar")
        check(shown.startswith("Khalifa Haftar"), f'typing "Haftar" offers {shown!r}')
        wait(driver, "return document.getElementById('panel-name')?.textContent === 'Khalifa Haftar'")
        if args.screenshot:
            time.sleep(0.5)  # let the fade finish
            driver.execute_script("document.activeElement.blur()")
            Path(args.screenshot).parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(args.screenshot)
            print(f"  screenshot: {args.screenshot}")

        # and the actor in the picture: click his node
        driver.find_element(By.CSS_SELECTOR, "#panel button.actor").click()  # go elsewhere first
        node_id = driver.execute_script(
            "return JSON.parse(document.getElementById('geokg-data').textContent)"
            ".actors.find(a => a.id === 'khalifa-haftar').svg")
        driver.find_element(By.CSS_SELECTOR, f"#{node_id} text").click()
        wait(driver, "return document.getElementById('panel-name')?.textContent === 'Khalifa Haftar'")
        check(True, "clicking Khalifa Haftar in the picture selects him")
        backers = panel_ties(driver, "in", "supports")
        for actor_id, name in [("egy", "Egypt"), ("rus", "Russia"), ("are", "United Arab Emirates")]:
            check(actor_id in backers and backers[actor_id][0] == name,
                  f"the panel lists {name} as a backer")
            cites = [e for e in backers[actor_id][1] if e.startswith("citation: ")]
            check(cites, f"  with its citation: {cites[0][:90] if cites else None}…")
        check(driver.execute_script(
            f"return document.getElementById('{node_id}').classList.contains('hl') && "
            "document.querySelector('#graph svg').classList.contains('selecting') && "
            "document.querySelectorAll('#graph g.node:not(.hl)').length > 0"),
            "his ties are highlighted and the rest faded")
        fragment = driver.execute_script("return location.hash")
        check("actor=khalifa-haftar" in fragment, f"the fragment keeps the selection ({fragment})")
        # filters: no supports, and the backers go; the fragment says so
        driver.find_element(By.CSS_SELECTOR, "input[name=relation][value=supports]").click()
        check(panel_ties(driver, "in", "supports") == {} and "hide=supports" in
              driver.execute_script("return location.hash"), "unticking supports hides the backers")
        driver.find_element(By.CSS_SELECTOR, "input[name=relation][value=supports]").click()
        driver.find_element(By.ID, "until").send_keys("2010")
        late = panel_ties(driver, "in", "supports")
        check("rus" not in late, "a date range (to 2010) drops Russia's backing, dated from 2016")
        driver.find_element(By.ID, "until").clear()
        driver.find_element(By.ID, "until").send_keys(Keys.BACKSPACE)

        # the link reopens the same view
        ready2 = open_page(driver, libya.as_uri() + "#actor=khalifa-haftar&hide=warns")
        check(driver.execute_script("return document.getElementById('panel-name').textContent") == "Khalifa Haftar"
              and not driver.execute_script("return document.querySelector('input[value=warns]').checked"),
              "opening the link with the fragment shows the same view")
        # keyboard: / goes to the search box, arrows and Enter pick
        driver.find_element(By.TAG_NAME, "body").send_keys("/")
        check(driver.execute_script("return document.activeElement.id") == "q", "/ focuses the search box")
        driver.switch_to.active_element.send_keys("Egypt", Keys.ARROW_DOWN, Keys.ENTER)
        wait(driver, "return document.getElementById('panel-name')?.textContent === 'Egypt'")
        check(True, "arrow keys and Enter choose an actor")
        check(requests_made(driver) == [], "no request in all that")
        print(f"  page ready {ready2} ms after navigation start (with fragment)")

        print("view browser test: hostile names")
        open_page(driver, hostile.as_uri())
        check(driver.execute_script("return window.__pwned") is None, "window.__pwned is undefined")
        check(driver.execute_script("return document.images.length") == 0, "no <img> element was made")
        check(driver.execute_script("return document.scripts.length") == 2, "no <script> element was made")
        shown = search_and_pick(driver, "onerror", "evil")
        check(shown == HOSTILE_NAME, "the search offers the hostile name as text")
        wait(driver, "return !!document.getElementById('panel-name')")
        check(driver.execute_script("return document.getElementById('panel-name').textContent") == HOSTILE_NAME,
              "the panel shows the hostile name as text")
        check(driver.execute_script(
            "return [...document.querySelectorAll('#graph svg g.node text')].some(t => t.textContent === arguments[0])",
            HOSTILE_NAME), "the picture shows the hostile name as text")
        evidence = driver.execute_script("return [...document.querySelectorAll('#panel .evidence li')].map(e => e.textContent)")
        check(any(HOSTILE_CITATION in e for e in evidence), "the citation shows as text")
        check(any("Alpha <b onmouseover=window.__pwned=5>backs</b>" in e for e in evidence),
              "the sentence shows as text")
        links = driver.execute_script("return [...document.querySelectorAll('#panel a')].map(a => a.href)")
        check(links == ["https://example.org/r?a=1&b=2"], f"only the https address is a link ({links})")
        search_and_pick(driver, "svg onload", "alpha")
        check(driver.execute_script("return document.getElementById('panel-name').textContent") == "Alpha",
              "the hostile alias finds its actor")
        check(driver.execute_script("return window.__pwned") is None
              and driver.execute_script("return document.images.length") == 0, "still nothing ran")
        check(requests_made(driver) == [], "no request")

        print("view browser test: hostile names, the page without its Content-Security-Policy")
        # escaping alone must hold: the same page with the policy taken out
        bare = work / "hostile-no-csp.html"
        text = hostile.read_text(encoding="utf-8")
        start = text.index('<meta http-equiv="Content-Security-Policy"')
        bare.write_text(text[:start] + text[text.index(">", start) + 1:], encoding="utf-8")
        open_page(driver, bare.as_uri())
        search_and_pick(driver, "onerror", "evil")
        check(driver.execute_script("return window.__pwned") is None
              and driver.execute_script("return document.images.length") == 0
              and driver.execute_script("return document.getElementById('panel-name').textContent") == HOSTILE_NAME,
              "nothing runs and the name is text without the policy too")

        print("view browser test: the check sees a request (a copy of the page with an external image)")
        open_page(driver, leaky.as_uri())
        seen = requests_made(driver)
        check(seen != [], f"the external image is caught: {seen}")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    print("view browser test: passed")


if __name__ == "__main__":
    main()
