"""depcheck: the native command-line tool, installed from a wheel.

The wheel puts the `depcheck` binary into the environment's scripts folder; `find_depcheck_bin`
finds it there, and `python -m depcheck` runs it.
"""

from __future__ import annotations

import os
import sys
import sysconfig

__all__ = ["find_depcheck_bin"]


def find_depcheck_bin() -> str:
    """The path of the depcheck binary this package was installed with."""
    executable = "depcheck" + (sysconfig.get_config_var("EXE") or "")
    folders = [sysconfig.get_path("scripts")]
    # pip install --user
    user_scheme = f"{os.name}_user" if os.name != "nt" else "nt_user"
    if user_scheme in sysconfig.get_scheme_names():
        folders.append(sysconfig.get_path("scripts", scheme=user_scheme))
    # pip install --target DIR: the scripts land in DIR/bin, beside the package.
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    folders.append(os.path.join(package_parent, "bin"))
    for folder in folders:
        candidate = os.path.join(folder, executable)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise FileNotFoundError(
        f"the depcheck binary is not in {', '.join(folders)}; reinstall the depcheck package"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run: python -m depcheck")
