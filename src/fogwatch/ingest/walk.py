"""Walking a folder given to `ingest`: every file under it, and a failure for what cannot be walked.

Symbolic links are followed only while they stay inside the folder: a `.txt` link to
`/etc/passwd` dropped into a scraped folder must not end up in the ledger and on the web page.
`--follow-symlinks` lifts that for people who build corpora out of links on purpose.
An unreadable subfolder is a failure naming it, never a silent hole in the corpus.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from fogwatch.records import Failure

OUTSIDE = "symbolic link to {target}, outside {root}; not followed (use --follow-symlinks to read it)"


def _inside(target: Path, root: Path) -> bool:
    return target == root or root in target.parents


def files_under(folder: Path, follow_symlinks: bool = False) -> Iterator[Path | Failure]:
    """The files under `folder`, sorted by path, then the failures: unreadable subfolders, broken
    links, and links that leave `folder` (unless `follow_symlinks`)."""
    root = folder.resolve()
    found: list[Path] = []
    failures: list[Failure] = []
    seen_dirs: set[Path] = set()

    def unreadable(exc: OSError) -> None:
        failures.append(Failure(str(exc.filename or folder), f"cannot read folder: {exc.strerror or exc}"))

    for here, dirs, names in os.walk(folder, onerror=unreadable, followlinks=follow_symlinks):
        real = Path(here).resolve()
        if real in seen_dirs:  # a link loop, only possible with follow_symlinks
            dirs[:] = []
            continue
        seen_dirs.add(real)
        for name in names:
            path = Path(here) / name
            if path.is_symlink():
                refused = _refused_link(path, root, follow_symlinks)
                if refused:
                    failures.append(refused)
                    continue
            if path.is_file():
                found.append(path)
        for name in dirs:
            path = Path(here) / name
            if path.is_symlink() and not follow_symlinks:
                refused = _refused_link(path, root, follow_symlinks)
                if refused:
                    failures.append(refused)
    yield from sorted(found)
    yield from failures


def _refused_link(path: Path, root: Path, follow_symlinks: bool) -> Failure | None:
    """Why the link at `path` is not read, or None to read it. A link to a folder inside `root` is
    skipped quietly (not refused): the walk reaches that folder by its own path."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Failure(str(path), "broken symbolic link")
    if follow_symlinks or _inside(target, root):
        return None
    return Failure(str(path), OUTSIDE.format(target=target, root=root))
