#!/usr/bin/env bash
# The benchmark, in one command: bash tests/bench/run.sh [BUILD_DIR]
# Generates synthetic poetry.locks (1k, 5k, 20k packages) and matrices (100, 2k, 20k rules),
# then for each pair reports depcheck's end-to-end time (median of 7 runs) and peak memory, the
# Python reference's (tomllib + packaging) on the same inputs in the same run, their ratio, and
# depcheck's per-stage costs. Needs a release build and Debian's python3 with python3-packaging.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build/release}
depcheck=$build/src/depcheck
stages=$build/tests/depcheck_bench_stages
python=/usr/bin/python3
[ -x "$depcheck" ] && [ -x "$stages" ] || { echo "bench: build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
$python -c 'import tomllib, packaging' 2>/dev/null || { echo "bench: needs python3 >= 3.11 with python3-packaging" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Median wall seconds of 7 runs (timed in nanoseconds: /usr/bin/time rounds to 10 ms, too
# coarse for a 40 ms run), the peak RSS (KiB) of the last, and the median CPU seconds (user +
# system, from time, 10 ms resolution: the steadier figure on a shared machine), for a command.
measure() {
  local times=() cpus=() rss=0 user sys start end
  for _ in 1 2 3 4 5 6 7; do
    start=$(date +%s%N)
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    # The figures are the last line: before them, time notes a non-zero exit status (depcheck
    # exits 1 when it finds something).
    read -r _ rss user sys < <(tail -n 1 "$work/time")
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 4p | tr '\n' ' '
  echo -n "$rss "
  printf '%s\n' "${cpus[@]}" | sort -n | sed -n 4p
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
printf '%-8s %-6s %8s %10s %10s %10s %8s %10s %9s %9s %9s\n' packages rules lock_MB depcheck_s python_s ratio \
  peak_MB limit_MB dc_cpu_s py_cpu_s cpu_ratio
for case in "1000 100" "5000 2000" "20000 20000"; do
  set -- $case
  dir=$work/$1-$2
  $python "$here/gen_inputs.py" --packages "$1" --rules "$2" --out "$dir" >/dev/null
  read -r dc rss dc_cpu < <(measure "$depcheck" "$dir/poetry.lock" --no-default-matrix --matrix "$dir/matrix.json" --python 3.9 --format json)
  read -r py _ py_cpu < <(measure "$python" "$here/reference.py" "$dir/poetry.lock" "$dir/matrix.json")
  # Both must find the same problems, or the comparison means nothing.
  ours=$("$depcheck" "$dir/poetry.lock" --no-default-matrix --matrix "$dir/matrix.json" --python 3.9 --format json |
         $python -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))' || true)
  theirs=$($python "$here/reference.py" "$dir/poetry.lock" "$dir/matrix.json")
  [ "$ours" = "$theirs" ] || echo "bench: finding counts differ ($ours vs $theirs)" >&2
  bytes=$(stat -c %s "$dir/poetry.lock")
  awk -v p="$1" -v r="$2" -v b="$bytes" -v d="$dc" -v y="$py" -v m="$rss" -v dcpu="$dc_cpu" -v ycpu="$py_cpu" 'BEGIN {
    printf "%-8s %-6s %8.2f %10.4f %10.3f %9.1fx %8.1f %10.1f %9.3f %9.3f %8.1fx\n", p, r, b/1e6, d, y, (d > 0 ? y/d : 0),
      m/1024, 3*b/1048576 + 20, dcpu, ycpu, (dcpu > 0 ? ycpu/dcpu : 0) }'
done
# Per-stage costs for each size: how each stage scales (packages + dependencies + findings).
for case in "1000 100" "5000 2000" "20000 20000"; do
  set -- $case
  echo
  echo "stages, $1 packages / $2 rules (median of 7):"
  "$stages" "$work/$1-$2/poetry.lock" "$work/$1-$2/matrix.json" 7
done

# depcheck diagnose on a long CI log (200,000 lines, ~23 MB, one real error in it) against the
# bundled matrix: one pass over the log per distinct rule message.
$python - "$work/ci.log" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    for i in range(200000):
        if i == 150000:
            out.write("ImportError: cannot import name 'LegacyVersion' from 'packaging.version' (/x)\n")
        out.write(f"2026-12-03T10:00:{i % 60:02d}Z tests/test_mod_{i % 300}.py::test_{i} PASSED [{i % 100}%]\n")
PY
read -r dg rss _ < <(measure "$depcheck" diagnose "$work/ci.log")
echo
echo "diagnose, $(stat -c %s "$work/ci.log" | awk '{ printf "%.1f", $1 / 1e6 }') MB log: ${dg} s (median of 7), peak $((rss / 1024)) MB"
