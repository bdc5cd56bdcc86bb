#!/usr/bin/env bash
# Runs one golden command-line case: tests/cli/<case>/ holds `args` (one line, shell words,
# relative paths from the case folder), optional `stdin`, `expected.out` and `expected.exit`.
set -u
depcheck=$1
case_dir=$2
cd "$case_dir" || exit 1
args=$(cat args)
stdin_file=/dev/null
[ -f stdin ] && stdin_file=stdin
actual=$(eval "NO_COLOR= \"$depcheck\" $args" <"$stdin_file" 2>&1)
code=$?
if [ "${DEPCHECK_UPDATE_GOLDEN:-}" = 1 ]; then
  printf '%s\n' "$actual" >expected.out
  echo "$code" >expected.exit
fi
expected_code=$(cat expected.exit)
status=0
if [ "$code" != "$expected_code" ]; then
  echo "exit code: expected $expected_code, got $code"
  status=1
fi
if ! diff -u expected.out <(printf '%s\n' "$actual"); then status=1; fi
exit $status
