"""Put the extractors together: text in, the importer's JSON-ready dict out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .assignments import extract_assignments
from .cleanup import body_paragraphs, clean_text
from .deadlines import extract_deadlines
from .metadata import extract_metadata
from .models import Assignment
from .references import extract_references
from .reporting import extract_reporting
from .sections import Block, build_tree, to_sections
from .targets import extract_targets
from .text_extraction import read_document


def parse_text(text: str) -> dict[str, Any]:
    """Parse the text of one Vietnamese administrative document into a dict that follows
    shared/schemas/parsed-document.schema.json (plus 'kind' and 'sections')."""
    clean = clean_text(text)
    header = extract_metadata(clean)
    body = "\n".join(clean.paragraphs)
    references = extract_references(body, header.own_keys)
    paragraphs = body_paragraphs(clean.lines[header.body_start :])
    root, blocks = build_tree(paragraphs)
    assignments = extract_assignments(blocks, has_sections=bool(root.children))
    deadlines = extract_deadlines(
        (block.text, _responsible(block, assignments)) for block in blocks
    )
    reporting = extract_reporting(clean.paragraphs)
    return {
        "kind": "document" if header.is_document else "notice",
        "doc": header.meta,
        "references": references,
        "deadlines": deadlines,
        "reporting": reporting,
        "targets": extract_targets(blocks),
        "assignments": assignments,
        "sections": to_sections(root),
    }


def _responsible(block: Block, assignments: list[Assignment]) -> str | None:
    """The unit whose task a paragraph is: the nearest assignment in the same section."""
    label = " ".join(node.marker for node in block.node.path()) or None
    for item in assignments:
        if item["section"] == label and item["role"] != "support":
            return item["unit"]
    return None


def parse_file(path: str | Path) -> dict[str, Any]:
    """Read the document at `path` (see read_document) and parse it (see parse_text).

    'text_source' says where the text came from: 'text', or 'ocr' for a scanned PDF read by
    character recognition, whose particulars a person must check."""
    extracted = read_document(path)
    result = parse_text(extracted.text)
    result["text_source"] = extracted.source
    return result
