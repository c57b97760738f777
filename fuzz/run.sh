#!/bin/sh
# One coverage-guided campaign: fuzz/run.sh TARGET [SECONDS] [more libFuzzer options].
# The options are the product's own limits: 2 s per input (the seeded harness's hang limit),
# 1 GiB of RSS and no single allocation over 512 MiB (a memory amplifier, a small input that
# decodes to gigabytes, is a finding: the read budget keeps one file far below), and inputs of
# at most 1 MiB for files (the product's 256 MiB cap is far too long to fuzz; the targets scale
# their size limit down to 16 MiB to match), 256 KiB for sidecars, 4 KiB for intent texts. Nice
# and one at a time on a shared machine.
set -eu
target=$1
seconds=${2:-1800}
shift $(( $# < 2 ? $# : 2 ))
case $target in
  fit) dict=fit; max_len=1048576 ;;
  gpx|tcx) dict=xml; max_len=1048576 ;;
  gzip|detect|pipeline) dict=fit; max_len=1048576 ;;
  zip_archive|export_zip) dict=csv; max_len=1048576 ;;
  export_bundle) dict="bundle csv json fit"; max_len=1048576 ;;
  strava_csv) dict=csv; max_len=262144 ;;
  garmin_json) dict=json; max_len=262144 ;;
  intent) dict=""; max_len=4096 ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
# libFuzzer takes one dictionary: several are merged into one under fuzz/target.
dict_opt=
if [ -n "$dict" ]; then
  merged=fuzz/target/$target.dict
  mkdir -p fuzz/target
  for d in $dict; do cat "fuzz/dict/$d.dict"; echo; done > "$merged"
  dict_opt=-dict=$merged
fi
exec env RUSTC_BOOTSTRAP=1 nice -n 19 cargo fuzz run -s none "$target" -- \
  $dict_opt -timeout=2 -rss_limit_mb=1024 -malloc_limit_mb=512 -max_len=$max_len -max_total_time=$seconds \
  -print_final_stats=1 "$@"
