#!/usr/bin/env bash
# `cmake --install` puts the binary and the man page where packagers expect them, and the
# installed binary runs on its own (the matrix is compiled in).
#   check_install.sh CMAKE BUILD_DIR
set -euo pipefail
cmake=$1
build=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
"$cmake" --install "$build" --prefix "$prefix" >/dev/null
fail() { echo "install: $*" >&2; exit 1; }
[ -x "$prefix/bin/depcheck" ] || fail "bin/depcheck is missing or not executable"
[ -f "$prefix/share/man/man1/depcheck.1" ] || fail "share/man/man1/depcheck.1 is missing"
version=$(cd "$prefix" && "$prefix/bin/depcheck" --version) || fail "the installed binary failed to run --version"
[[ $version == "depcheck "* ]] || fail "unexpected --version output: $version"
echo "install: ok ($version)"
