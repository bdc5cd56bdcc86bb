#!/usr/bin/env bash
# The GitHub Action's steps (action.yml), runnable outside GitHub with the same environment:
#   depcheck-action.sh install   builds and installs depcheck into $RUNNER_TEMP/depcheck-venv
#   depcheck-action.sh run       runs it with INPUT_PATHS, INPUT_FORMAT, INPUT_FAIL_ON,
#                                INPUT_ARGS and INPUT_SARIF, as the runner sets them
# DEPCHECK_BIN overrides which binary `run` uses (the tests point it at a built one).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${RUNNER_TEMP:-/tmp}/depcheck-venv"

install() {
  if [ -x "$venv/bin/depcheck" ]; then return 0; fi
  # The build needs CMake, a C++20 compiler and four header libraries (Debian/Ubuntu names).
  local packages=(cmake g++ libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libfmt-dev)
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$here"
  "$venv/bin/depcheck" --version
}

run() {
  local bin="${DEPCHECK_BIN:-$venv/bin/depcheck}"
  local -a paths extra
  read -r -a paths <<<"${INPUT_PATHS:-.}"
  read -r -a extra <<<"${INPUT_ARGS:-}"
  local status=0
  # --format github also appends the Markdown report to $GITHUB_STEP_SUMMARY.
  "$bin" --format "${INPUT_FORMAT:-github}" --fail-on "${INPUT_FAIL_ON:-error}" "${extra[@]}" \
    "${paths[@]}" || status=$?
  if [ -n "${INPUT_SARIF:-}" ]; then
    # The SARIF file is written whatever the findings; a broken input still fails the step.
    local sarif_status=0
    "$bin" --format sarif --output "$INPUT_SARIF" --fail-on never "${extra[@]}" "${paths[@]}" \
      2>/dev/null || sarif_status=$?
    if [ "$sarif_status" -ne 0 ] && [ "$status" -eq 0 ]; then status=$sarif_status; fi
  fi
  return "$status"
}

case "${1:-}" in
  install) install ;;
  run) run ;;
  *) echo "usage: depcheck-action.sh install|run" >&2; exit 2 ;;
esac
