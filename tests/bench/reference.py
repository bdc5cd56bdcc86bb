#!/usr/bin/env python3
"""The Python way, as a user would write it: read a poetry.lock with tomllib and packaging, check
every matrix rule (indexed by package, as depcheck does) and every declared requirement.

    reference.py poetry.lock matrix.json   -> prints the number of findings
"""
import json
import sys
import tomllib

from packaging.markers import Marker
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ENV = {"python_version": "3.9", "python_full_version": "3.9.0", "sys_platform": "linux",
       "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64",
       "platform_python_implementation": "CPython", "implementation_name": "cpython",
       "implementation_version": "3.9.0", "platform_release": "", "platform_version": "", "extra": ""}


def main():
    with open(sys.argv[1], "rb") as f:
        lock = tomllib.load(f)
    with open(sys.argv[2]) as f:
        matrix = json.load(f)
    packages = {}
    for entry in lock["package"]:
        packages[canonicalize_name(entry["name"])] = (Version(entry["version"]), entry)
    findings = 0
    by_package = {}
    for rule in matrix["rules"]:
        conditions = [(canonicalize_name(c["package"]), SpecifierSet(c.get("versions", ""))) for c in rule["when"]]
        by_package.setdefault(conditions[0][0], []).append(conditions)
    for name, (version, _) in packages.items():
        for conditions in by_package.get(name, []):
            if all(n in packages and s.contains(packages[n][0], prereleases=True) for n, s in conditions):
                findings += 1
    for name, (version, entry) in packages.items():
        for dep, spec in entry.get("dependencies", {}).items():
            marker = None
            if isinstance(spec, dict):
                marker = spec.get("markers")
                spec = spec.get("version", "*")
            if marker and not Marker(marker).evaluate(ENV):
                continue
            dep = canonicalize_name(dep)
            if dep not in packages:
                findings += 1
            elif spec != "*" and not SpecifierSet(spec).contains(packages[dep][0], prereleases=True):
                findings += 1
    print(findings)


if __name__ == "__main__":
    main()
