"""The demo documents, imported into the demo province's registry (called by ``danvan demo``).

Each file is owned by the unit that issued it: the province's plan and directive by the
Province People's Committee (p04), Sở Nội vụ's plan by p04.so-noi-vu, the commune-level plan by
UBND phường Thục Phán (w01273). Idempotent and fast on a second run: files already in the
registry (same SHA-256) are skipped before they are parsed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from danvan.core.audit import SYSTEM
from danvan.core.text import fold
from danvan.orgs.models import OrgUnit

from .models import Document
from .parsing import DocumentReadError, parse_file
from .services import DOCUMENT_UPLOAD, import_path

DEMO_DIR = Path(__file__).parent / "demo_documents"
PROVINCE_KEY = "p04"
# Folded words of an issuer (or file name) → the unit whose registry holds the document.
OWNERS = (("so noi vu", "p04.so-noi-vu"), ("thuc phan", "w01273"))


def _owner_key(path: Path, issuer: str) -> str:
    haystack = fold(f"{issuer} {path.stem.replace('-', ' ').replace('_', ' ')}")
    for words, key in OWNERS:
        if words in haystack:
            return key
    return PROVINCE_KEY


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_demo_documents(directory: Path = DEMO_DIR) -> list[Document]:
    """Import and confirm every demo document not yet in the registry; return them all."""
    if not directory.is_dir():
        return []
    documents: list[Document] = []
    files = sorted(p for p in directory.iterdir() if p.suffix.lower() in DOCUMENT_UPLOAD.exts)
    known = dict(
        Document.objects.filter(sha256__in=[_digest(p) for p in files]).values_list("sha256", "pk")
    )
    for path in files:
        pk = known.get(_digest(path))
        if pk is not None:
            documents.append(Document.objects.get(pk=pk))
            continue
        try:
            issuer = (parse_file(path).get("doc") or {}).get("issuer") or ""
        except DocumentReadError:
            issuer = ""
        owner = OrgUnit.objects.filter(key=_owner_key(path, issuer)).first()
        if owner is None:
            continue  # the demo province is not loaded
        documents.append(import_path(path, owner=owner, confirm=True, actor=SYSTEM).document)
    return documents
