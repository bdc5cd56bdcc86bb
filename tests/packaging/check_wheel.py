#!/usr/bin/env python3
"""Checks a depcheck wheel: its files, the RECORD's hashes and sizes, the metadata's name and
version (the version CMakeLists.txt keeps), the platform tag of this machine, an executable
binary in the scripts, and that the binary needs nothing but the C library.

    check_wheel.py dist/depcheck-0.1.0-py3-none-manylinux_2_36_x86_64.whl
"""

import base64
import csv
import hashlib
import io
import pathlib
import platform
import re
import subprocess
import sys
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
# glibc's own libraries: what a manylinux binary may need.
C_LIBRARY = re.compile(r"^(libc|libm|libpthread|libdl|librt|ld-linux[-\w]*)\.so(\.\d+)*$")


def fail(message):
    sys.exit(f"check_wheel: {message}")


def main(path):
    wheel = pathlib.Path(path)
    version = re.search(r"project\(depcheck VERSION ([0-9.]+)",
                        (ROOT / "CMakeLists.txt").read_text()).group(1)
    libc, libc_version = platform.libc_ver()
    major, minor = libc_version.split(".")[:2]
    tag = f"py3-none-manylinux_{major}_{minor}_{platform.machine()}"
    if wheel.name != f"depcheck-{version}-{tag}.whl":
        fail(f"{wheel.name}: expected depcheck-{version}-{tag}.whl")
    dist_info = f"depcheck-{version}.dist-info"
    script = f"depcheck-{version}.data/scripts/depcheck"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        expected = {"depcheck/__init__.py", "depcheck/__main__.py", script,
                    f"{dist_info}/METADATA", f"{dist_info}/WHEEL", f"{dist_info}/RECORD",
                    f"{dist_info}/LICENSE"}
        if names != expected:
            fail(f"files {sorted(names)}, expected {sorted(expected)}")
        record = list(csv.reader(io.StringIO(archive.read(f"{dist_info}/RECORD").decode())))
        listed = {row[0] for row in record}
        if listed != names:
            fail(f"RECORD lists {sorted(listed)}")
        for name, digest, size in record:
            if name == f"{dist_info}/RECORD":
                if digest or size:
                    fail("RECORD must not hash itself")
                continue
            data = archive.read(name)
            actual = "sha256=" + base64.urlsafe_b64encode(
                hashlib.sha256(data).digest()).rstrip(b"=").decode()
            if digest != actual or int(size) != len(data):
                fail(f"RECORD is wrong for {name}")
        wheel_file = archive.read(f"{dist_info}/WHEEL").decode()
        if f"Tag: {tag}\n" not in wheel_file or "Root-Is-Purelib: false\n" not in wheel_file:
            fail(f"WHEEL: {wheel_file!r}")
        metadata = archive.read(f"{dist_info}/METADATA").decode()
        for line in ("Metadata-Version: 2.1", "Name: depcheck", f"Version: {version}",
                     "License: MIT", "Requires-Python: >=3.8",
                     "Description-Content-Type: text/markdown"):
            if line + "\n" not in metadata:
                fail(f"METADATA has no '{line}'")
        if (archive.getinfo(script).external_attr >> 16) & 0o111 == 0:
            fail("the binary is not executable in the wheel")
        with tempfile.TemporaryDirectory() as folder:
            binary = pathlib.Path(folder) / "depcheck"
            binary.write_bytes(archive.read(script))
            dynamic = subprocess.run(["readelf", "-d", str(binary)], check=True,
                                     capture_output=True, text=True).stdout
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
    others = [library for library in needed if not C_LIBRARY.match(library)]
    if not needed or others:
        fail(f"the binary needs {others or 'nothing?'}; only the C library is allowed")
    print(f"check_wheel: {wheel.name}: {len(names)} files, RECORD right, needs {', '.join(needed)}")


if __name__ == "__main__":
    main(sys.argv[1])
