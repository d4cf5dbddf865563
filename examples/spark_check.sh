#!/usr/bin/env bash
# Runs the Spark recipe of docs/cli.md on a generated corpus and checks that its output,
# merged, is the graph a single-machine build writes (byte for byte), and that its claim
# lines are those of a single-machine extract. Needs pyspark and Java 17; not part of
# `cargo test`.
#
#   bash examples/spark_check.sh [MEGABYTES] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-5}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
cargo build --release --quiet --example gen_corpus
cargo build --release --quiet
geokg=./target/release/geokg

./target/release/examples/gen_corpus --jsonl "$mb" > "$work/corpus.jsonl"
rm -rf "$work/fragments" "$work/claims"

# map: Spark pipes each partition through geokg extract
python3 examples/spark_extract.py "$work/corpus.jsonl" "$work/fragments" --geokg "$geokg" --partitions 4
python3 examples/spark_extract.py "$work/corpus.jsonl" "$work/claims" --geokg "$geokg" --partitions 4 --format jsonl

# reduce: merge the shards onto the registry
"$geokg" build -q -o "$work/base.json"
"$geokg" merge "$work/base.json" "$work"/fragments/part-* -o "$work/spark.json"

# the same corpus on one machine
"$geokg" build -q --articles "$work/corpus.jsonl" -o "$work/single.json"
"$geokg" extract -q "$work/corpus.jsonl" --format jsonl > "$work/single.jsonl" || true

parts=$(ls "$work"/fragments/part-* | wc -l)
cmp "$work/single.json" "$work/spark.json"
echo "ok: graph merged from $parts Spark part files is byte-identical to the single-machine build ($(wc -c < "$work/single.json") bytes)"
cat "$work"/claims/part-* | cmp - "$work/single.jsonl"
echo "ok: Spark claim lines are identical to single-machine extract ($(wc -l < "$work/single.jsonl") lines)"
