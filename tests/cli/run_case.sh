#!/usr/bin/env bash
# Runs one golden command-line case: tests/cli/<case>/ holds `args` (one line, shell words,
# relative paths from the case folder), optional `stdin`, optional `env` (one line of VAR=value
# words, e.g. COLUMNS=80), `expected.out` and `expected.exit`. The colour and width variables of
# the caller's shell are cleared, so a case sees only its own.
set -u
depcheck=$1
case_dir=$2
cd "$case_dir" || exit 1
args=$(cat args)
stdin_file=/dev/null
[ -f stdin ] && stdin_file=stdin
env_words=""
[ -f env ] && env_words=$(cat env)
actual=$(eval "NO_COLOR= FORCE_COLOR= CLICOLOR_FORCE= COLUMNS= $env_words \"$depcheck\" $args" \
  <"$stdin_file" 2>&1)
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
