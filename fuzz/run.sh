#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 300), one after the other, on the
# stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its flags, and `-s none`
# leaves out the sanitizer, which needs nightly. Logs go to fuzz/logs/TARGET.log; new
# corpus entries stay in fuzz/corpus/TARGET/ (ignored by git except the seed-* files);
# crashes land in fuzz/artifacts/TARGET/.
#
#   fuzz/run.sh 300                 # all targets, 5 minutes each
#   fuzz/run.sh 60 extract          # one target
#   FUZZ_ARGS=-len_control=0 fuzz/run.sh 600 extract   # long inputs from the start
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract query_parse curated_data graph_file dot_export xml_export parse)
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 ${FUZZ_ARGS:-} >"fuzz/logs/$t.log" 2>&1 || echo "$t: exit $? (see fuzz/logs/$t.log)"
  grep -E "^stat::number_of_executed_units|^Done|SUMMARY|crash-|timeout-|slow-unit" "fuzz/logs/$t.log" | sed "s/^/$t: /" || true
done
