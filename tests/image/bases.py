"""Base images for the image tests, built from Debian's mirror since no image registry is
reachable: ``debootstrap --variant=minbase`` into a folder under the cache, then
``docker import``. Both the image and the folder are kept, so a machine pays for it once.

``python -m tests.image.bases`` builds them ahead of a test run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

MIRROR = "http://deb.debian.org/debian"
SUITE = "bookworm"
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
"""This machine's trusted authorities: the base trusts what the host trusts (an egress proxy's
own authority, say), and pip is told to use them rather than its bundled list."""

UNUSED = ("usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/locale")


@dataclass(frozen=True)
class Base:
    """One Debian base image: its tag, the packages debootstrap adds, and commands that
    finish the root file system before it is imported."""

    tag: str
    packages: tuple[str, ...]
    links: tuple[tuple[str, str], ...] = ()
    """(link, target) pairs made inside the image, e.g. Valkey's names for Redis' programs."""


PYTHON = Base("edumock-base:bookworm", ("python3", "python3-venv", "ca-certificates"))
REDIS = Base("edumock-redis:bookworm", ("python3", "ca-certificates", "redis-server"),
             links=(("usr/local/bin/valkey-server", "/usr/bin/redis-server"),
                    ("usr/local/bin/valkey-cli", "/usr/bin/redis-cli")))
ALL = (PYTHON, REDIS)


def cache_dir() -> Path:
    """Where the root file systems are kept (the project's cache folder, never the repo)."""
    chosen = os.environ.get("EDUMOCK_CACHE_DIR")
    root = Path(chosen) if chosen else Path.home() / ".cache" / "edumock"
    return root / "docker"


def image_exists(tag: str) -> bool:
    """Whether the daemon holds an image with this tag."""
    found = subprocess.run(["docker", "image", "inspect", tag], capture_output=True)
    return found.returncode == 0


def _debootstrap(base: Base, folder: Path) -> None:
    """A minimal Debian in ``folder``, with the package downloads removed."""
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    subprocess.run(["debootstrap", "--variant=minbase", f"--include={','.join(base.packages)}",
                    SUITE, str(partial), MIRROR], check=True, capture_output=True)
    for leftover in ("var/cache/apt/archives", "var/lib/apt/lists"):
        for path in (partial / leftover).glob("*"):
            if path.is_file():
                path.unlink()
    for link, target in base.links:
        (partial / link).parent.mkdir(parents=True, exist_ok=True)
        (partial / link).symlink_to(target)
    partial.rename(folder)


def _finish(folder: Path) -> None:
    """Drop what a slim image drops (documentation, manuals, translations) and trust the
    host's authorities."""
    for unused in UNUSED:
        shutil.rmtree(folder / unused, ignore_errors=True)
    bundle = folder / HOST_CA_BUNDLE.relative_to("/")
    if HOST_CA_BUNDLE.is_file():
        bundle.unlink(missing_ok=True)
        shutil.copyfile(HOST_CA_BUNDLE, bundle)


def ensure(base: Base) -> float:
    """Make sure ``base`` is imported; returns the seconds it took (0 when cached)."""
    if image_exists(base.tag):
        return 0.0
    started = time.monotonic()
    folder = cache_dir() / base.tag.replace(":", "-")
    if not folder.is_dir():
        folder.parent.mkdir(parents=True, exist_ok=True)
        _debootstrap(base, folder)
    _finish(folder)
    tar = subprocess.Popen(["tar", "-C", str(folder), "-c", "."], stdout=subprocess.PIPE)
    subprocess.run(["docker", "import", "--change", f"ENV PIP_CERT={HOST_CA_BUNDLE}", "-",
                    base.tag], stdin=tar.stdout, check=True, capture_output=True)
    if tar.wait() != 0:
        raise RuntimeError(f"tar of {folder} failed")
    return time.monotonic() - started


if __name__ == "__main__":
    for each in ALL:
        print(f"{each.tag}: {ensure(each):.0f} s")  # noqa: T201
