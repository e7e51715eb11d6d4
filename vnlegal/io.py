"""Writing outputs so that a reader never sees half a file."""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def current_umask() -> int:
    """The process umask, read without changing it where the system tells
    (Linux), since setting it to read it races with threads creating files."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed over ``path`` when
    the block ends, removed if it raises. A reader sees the old file or the new,
    never half of one (the database is written this way too)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file 0600; outputs are shared (a Datasette service
        # user, a colleague), so they get the mode any new file of the user gets
        os.fchmod(fd, 0o666 & ~current_umask())
    finally:
        os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())


def write_json_atomic(path: Path, obj) -> None:
    write_atomic(path, json.dumps(obj, ensure_ascii=False, indent=1).encode("utf-8"))


def remove_stale_temps(paths) -> int:
    """Remove the temporary files ``atomic_path`` made for ``paths`` and left
    behind when its process was killed mid-write (``.<name>.<random>.tmp``
    beside each path). Each folder is listed once. The number removed."""
    by_folder: dict[Path, set[str]] = {}
    for p in paths:
        p = Path(p)
        by_folder.setdefault(p.parent, set()).add(p.name)
    removed = 0
    for folder, names in by_folder.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # not made yet: nothing left in it
        for e in entries:
            n = e.name
            if not (n.startswith(".") and n.endswith(".tmp")):
                continue
            target = n[1:-4].rpartition(".")[0]
            if target in names:
                try:
                    os.unlink(e.path)
                    removed += 1
                except OSError:
                    pass
    return removed
