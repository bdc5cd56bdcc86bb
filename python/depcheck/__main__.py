"""python -m depcheck: runs the installed depcheck binary with the same arguments."""

from __future__ import annotations

import os
import subprocess
import sys

from depcheck import find_depcheck_bin


def main() -> int:
    binary = find_depcheck_bin()
    if sys.platform == "win32":
        return subprocess.run([binary, *sys.argv[1:]]).returncode
    # The binary replaces this process: exit status and signals are its own.
    os.execv(binary, [binary, *sys.argv[1:]])
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
