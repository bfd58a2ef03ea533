"""The Nu Html Checker (vnu.jar, the W3C validator's engine) for the validity tests.

The jar is never committed: it is downloaded once from the npm registry into a cache folder
(`SFI_CACHE_DIR`, else `$XDG_CACHE_HOME/sfi`, else `~/.cache/sfi`) and checked against a
pinned SHA-256 before every use, so a changed or damaged download fails loudly.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess  # nosec B404
import tarfile
import urllib.request
from pathlib import Path

VERSION = "26.9.27"
TARBALL_URL = f"https://registry.npmjs.org/vnu-jar/-/vnu-jar-{VERSION}.tgz"
# The registry's published integrity for this version is sha512-TkQd5DFf…ea0KA==; these are ours.
TARBALL_SHA256 = "5970d3ffca91a627cf0965e5d91bb2e4242307c29292998de0b419d6a901b2b7"
JAR_SHA256 = "22f15dd39a33bed929d2a5c0cddf5946849a647eca9272bf4d5d00bc7e7a4d47"
JAR_IN_TARBALL = "package/build/dist/vnu.jar"


class CheckerUnavailable(RuntimeError):
    """Java or the jar is missing and cannot be provided here."""


def cache_dir():
    if os.environ.get("SFI_CACHE_DIR"):
        return Path(os.environ["SFI_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sfi"


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def jar_path():
    """The checked jar, downloaded and unpacked on first use."""
    jar = cache_dir() / f"vnu-{VERSION}.jar"
    if jar.exists() and _sha256(jar) == JAR_SHA256:
        return jar
    jar.parent.mkdir(parents=True, exist_ok=True)
    try:
        with urllib.request.urlopen(TARBALL_URL, timeout=120) as response:  # nosec B310
            tarball = response.read()
    except OSError as error:
        raise CheckerUnavailable(f"Could not download {TARBALL_URL} ({error}); put vnu.jar at {jar}.") from error
    if hashlib.sha256(tarball).hexdigest() != TARBALL_SHA256:
        raise CheckerUnavailable(f"{TARBALL_URL} does not have the pinned SHA-256 {TARBALL_SHA256}.")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        content = archive.extractfile(JAR_IN_TARBALL).read()
    if hashlib.sha256(content).hexdigest() != JAR_SHA256:
        raise CheckerUnavailable(f"vnu.jar in {TARBALL_URL} does not have the pinned SHA-256 {JAR_SHA256}.")
    partial = jar.with_suffix(".part")
    partial.write_bytes(content)
    partial.replace(jar)
    return jar


def java():
    found = shutil.which("java")
    if not found:
        raise CheckerUnavailable(
            "The HTML validity tests need Java: run 'sudo apt-get install default-jre-headless' "
            "(bin/test installs it when it runs as root)."
        )
    return found


def check_folder(folder):
    """Checks every .html file under `folder` in one Java run; returns {file name: [error, …]}.

    Each error reads "line L: message «extract»"."""
    # --no-langdetect: guessing each page's language costs most of the time and only gives warnings.
    options = ["--errors-only", "--no-langdetect", "--format", "json", "--stdout"]
    result = subprocess.run(  # nosec B603
        [java(), "-Xss8m", "-jar", str(jar_path()), *options, str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError) as error:
        raise AssertionError(f"The checker did not answer in JSON:\n{result.stdout}\n{result.stderr}") from error
    errors = {}
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = Path(message.get("url", "").removeprefix("file:")).name
        extract = " ".join(message.get("extract", "").split())
        errors.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message['message']} «{extract}»")
    return errors
