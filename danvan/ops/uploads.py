"""The uploads a backup holds, wherever ``STORAGE_BACKEND`` keeps them.

On the local filesystem (``FileSystemStorage``) the files under MEDIA_ROOT are read directly and
a restore swaps the whole directory in by renames (:func:`danvan.ops.backup._swap_media`). Any
other storage (an S3-compatible bucket through django-storages; the in-memory one of tests) has
no paths: every object is listed, read and written back through Django's storage API, under
its storage name (what a ``FileField`` holds), so the archive's ``media/<name>`` members are the
same whichever storage made them and a backup restores into either.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.translation import gettext as _

from danvan.core.errors import UserError


def storage() -> Storage:
    return storages["default"]


def on_filesystem() -> bool:
    return isinstance(storage(), FileSystemStorage)


def media_files(root: Path) -> list[tuple[str, Path]]:
    """Regular files under MEDIA_ROOT by relative path (POSIX), in path order."""
    if not root.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def _walk(store: Storage, directory: str) -> Iterator[str]:
    directories, files = store.listdir(directory)
    prefix = f"{directory}/" if directory else ""
    for name in files:
        yield prefix + name
    for sub in directories:
        yield from _walk(store, prefix + sub)


def names() -> list[str]:
    """Every stored upload's name, in path order."""
    if on_filesystem():
        return [name for name, _ in media_files(Path(settings.MEDIA_ROOT))]
    return sorted(_walk(storage(), ""))


def _sha256(handle: File) -> str:
    digest = hashlib.sha256()
    for block in handle.chunks(1 << 20):
        digest.update(block)
    return digest.hexdigest()


def hashes() -> dict[str, str]:
    """SHA-256 of every stored upload, by name (what the content hash covers)."""
    if on_filesystem():
        result = {}
        for name, path in media_files(Path(settings.MEDIA_ROOT)):
            with path.open("rb") as handle:
                result[name] = _sha256(File(handle))
        return result
    store = storage()
    result = {}
    for name in names():
        with store.open(name, "rb") as handle:
            result[name] = _sha256(handle)
    return result


def copy_out(staging: Path) -> list[tuple[str, Path]]:
    """Each object of a storage without paths copied under ``staging`` (for the archive).

    The archive is written from these copies, so what it holds is what was hashed, even if an
    object is replaced meanwhile.
    """
    store = storage()
    copied = []
    for name in names():
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with store.open(name, "rb") as handle, target.open("wb") as out:
            for block in handle.chunks(1 << 20):
                out.write(block)
        copied.append((name, target))
    return copied


def put_back(unpacked: Path) -> None:
    """Write every file of the archive into a storage without paths under its own name.

    An object of that name is replaced (the storage would otherwise pick a new name, as it does
    for a second upload of one name, and the rows would point at the old one).
    """
    store = storage()
    for name, path in media_files(unpacked):
        if store.exists(name):
            store.delete(name)
        with path.open("rb") as handle:
            saved = store.save(name, File(handle, name=Path(name).name))
        if saved != name:
            raise UserError(
                _("The object store saved «%(name)s» as «%(saved)s»; the restore stopped.")
                % {"name": name, "saved": saved}
            )


def remove_others(kept: set[str]) -> int:
    """Delete the objects the archive does not hold (uploaded after it was made)."""
    store = storage()
    extra = [name for name in names() if name not in kept]
    for name in extra:
        store.delete(name)
    return len(extra)
