"""The PEP 517 build backend of depcheck.

It builds the native `depcheck` binary with CMake and the system compiler, and packs it into a
platform wheel: the binary in the wheel's scripts (so it lands on PATH), a small `depcheck`
module for `python -m depcheck`, and the metadata of pyproject.toml. Only the standard library
is used and nothing is downloaded, so `pip install .`, `pip wheel .`, `pipx install .` and
`python3 -m build --no-isolation` work offline.

The wheel's platform tag is computed from the C library the binary was linked against
(manylinux_<glibc major>_<glibc minor>_<machine>): libstdc++ and libgcc are linked statically
(DEPCHECK_STATIC_RUNTIME), so glibc is all the binary needs at run time.

Settings (`--config-settings` / `-C`): jobs=N (parallel compile jobs), build-dir=PATH (keep the
CMake build there instead of a temporary folder).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import pathlib
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
NAME = "depcheck"

# What an sdist holds: enough to build the same wheel (the tests stay in the repository).
SDIST_PATHS = [
    "CMakeLists.txt",
    "CMakePresets.json",
    "LICENSE",
    "README.md",
    "pyproject.toml",
    "include",
    "src",
    "data",
    "python",
]


def _load_toml(path: pathlib.Path) -> dict:
    try:
        import tomllib  # Python 3.11
    except ModuleNotFoundError:  # pragma: no cover - older Pythons
        import tomli as tomllib  # type: ignore[no-redef]
    with path.open("rb") as handle:
        return tomllib.load(handle)


def version() -> str:
    """The version, from the one place the project keeps it: CMakeLists.txt."""
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(\s*depcheck\s+VERSION\s+([0-9]+(?:\.[0-9]+)*)", text)
    if not match:
        raise RuntimeError("no 'project(depcheck VERSION ...)' in CMakeLists.txt")
    return match.group(1)


def platform_tag() -> str:
    """manylinux_X_Y_<machine> for the glibc this Python (and so the compiler) runs on."""
    libc, libc_version = platform.libc_ver()
    machine = platform.machine().lower().replace("-", "_")
    if sys.platform.startswith("linux") and libc == "glibc" and libc_version:
        major, minor = libc_version.split(".")[:2]
        return f"manylinux_{major}_{minor}_{machine}"
    # Not a glibc Linux: a tag that claims nothing about other systems.
    return re.sub(r"[^a-z0-9_]", "_", f"{sys.platform}_{machine}".lower())


def wheel_tag() -> str:
    return f"py3-none-{platform_tag()}"


def _metadata() -> str:
    project = _load_toml(ROOT / "pyproject.toml")["project"]
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {version()}",
        f"Summary: {project['description']}",
    ]
    if "license" in project:
        lines.append(f"License: {project['license'].get('text', '')}")
    if project.get("keywords"):
        lines.append(f"Keywords: {','.join(project['keywords'])}")
    for classifier in project.get("classifiers", []):
        lines.append(f"Classifier: {classifier}")
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    for label, url in project.get("urls", {}).items():
        lines.append(f"Project-URL: {label}, {url}")
    readme = project.get("readme")
    body = ""
    if readme:
        body = (ROOT / readme).read_text(encoding="utf-8")
        lines.append("Description-Content-Type: text/markdown")
    return "\n".join(lines) + "\n\n" + body


def _wheel_file() -> str:
    return (
        "Wheel-Version: 1.0\n"
        "Generator: depcheck_build\n"
        "Root-Is-Purelib: false\n"
        f"Tag: {wheel_tag()}\n"
    )


def _build_binary(build_dir: pathlib.Path, jobs: str) -> pathlib.Path:
    """Configures and builds the depcheck target; returns the binary's path."""
    cmake = shutil.which("cmake")
    if cmake is None:
        raise RuntimeError("depcheck needs CMake (3.25 or newer) and a C++20 compiler to build")
    configure = [
        cmake, "-S", str(ROOT), "-B", str(build_dir),
        "-DCMAKE_BUILD_TYPE=Release",
        "-DBUILD_TESTING=OFF",
        "-DDEPCHECK_STATIC_RUNTIME=ON",
    ]
    # Progress goes to stderr: a frontend may read stdout.
    subprocess.run(configure, check=True, stdout=sys.stderr)
    subprocess.run(
        [cmake, "--build", str(build_dir), "--target", NAME, "-j", jobs],
        check=True,
        stdout=sys.stderr,
    )
    binary = build_dir / "src" / NAME
    if not binary.is_file():
        raise RuntimeError(f"the build did not produce {binary}")
    strip = shutil.which("strip")
    if strip:
        stripped = build_dir / f"{NAME}.stripped"
        subprocess.run([strip, "-o", str(stripped), str(binary)], check=True)
        return stripped
    return binary


def _record_line(arcname: str, data: bytes) -> list[str]:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return [arcname, f"sha256={digest}", str(len(data))]


def _add(archive: zipfile.ZipFile, records: list, arcname: str, data: bytes, mode: int) -> None:
    info = zipfile.ZipInfo(arcname, date_time=(2026, 1, 1, 0, 0, 0))
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
    records.append(_record_line(arcname, data))


def _setting(config_settings, key: str, default: str) -> str:
    if config_settings and config_settings.get(key):
        return str(config_settings[key])
    return default


# --- PEP 517 hooks ---------------------------------------------------------------------------


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    dist_info = pathlib.Path(metadata_directory) / f"{NAME}-{version()}.dist-info"
    dist_info.mkdir(parents=True, exist_ok=True)
    (dist_info / "METADATA").write_text(_metadata(), encoding="utf-8")
    (dist_info / "WHEEL").write_text(_wheel_file(), encoding="utf-8")
    return dist_info.name


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    jobs = _setting(config_settings, "jobs", str(os.cpu_count() or 1))
    kept = _setting(config_settings, "build-dir", "")
    temporary = None if kept else tempfile.TemporaryDirectory(prefix="depcheck-build-")
    build_dir = pathlib.Path(kept) if kept else pathlib.Path(temporary.name)
    try:
        binary = _build_binary(build_dir, jobs)
        ver = version()
        name = f"{NAME}-{ver}-{wheel_tag()}.whl"
        dist_info = f"{NAME}-{ver}.dist-info"
        records: list = []
        path = pathlib.Path(wheel_directory) / name
        with zipfile.ZipFile(path, "w") as archive:
            package = ROOT / "python" / NAME
            for source in sorted(package.glob("*.py")):
                _add(archive, records, f"{NAME}/{source.name}", source.read_bytes(), 0o644)
            _add(archive, records, f"{NAME}-{ver}.data/scripts/{NAME}", binary.read_bytes(), 0o755)
            _add(archive, records, f"{dist_info}/METADATA", _metadata().encode(), 0o644)
            _add(archive, records, f"{dist_info}/WHEEL", _wheel_file().encode(), 0o644)
            _add(archive, records, f"{dist_info}/LICENSE", (ROOT / "LICENSE").read_bytes(), 0o644)
            records.append([f"{dist_info}/RECORD", "", ""])
            text = io.StringIO()
            csv.writer(text, lineterminator="\n").writerows(records)
            info = zipfile.ZipInfo(f"{dist_info}/RECORD", date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | 0o644) << 16
            archive.writestr(info, text.getvalue())
        return name
    finally:
        if temporary is not None:
            temporary.cleanup()


def build_sdist(sdist_directory, config_settings=None):
    ver = version()
    base = f"{NAME}-{ver}"
    name = f"{base}.tar.gz"
    skipped = {"__pycache__"}

    def keep(info: tarfile.TarInfo):
        if any(part in skipped for part in pathlib.PurePosixPath(info.name).parts):
            return None
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = 1767225600  # 2026-01-01: the same sources give the same archive
        return info

    with tarfile.open(pathlib.Path(sdist_directory) / name, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for relative in SDIST_PATHS:
            tar.add(ROOT / relative, arcname=f"{base}/{relative}", filter=keep)
        pkg_info = _metadata().encode()
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(pkg_info)
        info.mtime = 1767225600
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(pkg_info))
    return name
