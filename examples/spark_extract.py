#!/usr/bin/env python3
"""Run `geokg extract` as the map step of an Apache Spark job (RDD.pipe).

Each partition of a JSON Lines corpus ({"id", "title", "date", "url", "text"} per line)
is piped through `geokg extract --jsonl -`, one process per partition, and the output
lines are saved as Spark part files. With `--format fragments` (the default) the part
files are graph fragments that `geokg merge` joins into the same graph file a
single-machine `geokg build` writes; with `--format jsonl` they are claim lines.

    python3 examples/spark_extract.py corpus.jsonl out/ --geokg ./target/release/geokg
    geokg build -o base.json                       # the registry, no articles
    geokg merge base.json out/part-* -o graph.json

The geokg binary must be on every executor at the same path (here: local mode).
Needs `pip install pyspark` and Java 17.
"""
import argparse
import os
import shlex
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", help="JSON Lines corpus")
    ap.add_argument("out", help="output directory (must not exist)")
    ap.add_argument("--geokg", default="geokg", help="path of the geokg binary")
    ap.add_argument("--format", default="fragments", choices=["fragments", "jsonl"])
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--master", default="local[2]")
    a = ap.parse_args()

    from pyspark import SparkConf, SparkContext

    geokg = os.path.abspath(a.geokg) if os.sep in a.geokg else a.geokg
    # exit 1 means "no relation in this partition", which is not a failure
    cmd = (
        f"{shlex.quote(geokg)} extract --jsonl - --format {a.format} --quiet --threads 1;"
        " c=$?; [ $c -le 1 ]"
    )
    conf = SparkConf().setMaster(a.master).setAppName("geokg-extract")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        articles = sc.textFile(os.path.abspath(a.corpus), minPartitions=a.partitions)
        out = articles.pipe(f"sh -c {shlex.quote(cmd)}", checkCode=True)
        out.saveAsTextFile(os.path.abspath(a.out))
        print(
            f"spark_extract: {articles.getNumPartitions()} partitions -> {a.out}",
            file=sys.stderr,
        )
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
