"""The section tree: Phần / Chương / Điều / I. / 1. / 1.1. / a) / - / + items and their text.

Documents nest these markers in different orders, so levels are not fixed: a marker kind that is
already open closes everything below it, a new kind opens one level deeper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .casing import is_upper_text, sentence_case
from .models import Section

_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "part",
        re.compile(
            r"^(?P<m>(?:Phần|PHẦN)\s+(?:thứ|THỨ)\s+\S+|(?:Phần|PHẦN)\s+[IVX]+)[.:]?(?:\s+(?P<t>.*))?$"
        ),
    ),
    ("chapter", re.compile(r"^(?P<m>(?:Chương|CHƯƠNG)\s+[IVXLC\d]+)[.:]?(?:\s+(?P<t>.*))?$")),
    ("article", re.compile(r"^(?P<m>Điều\s+\d+)[.:]?(?:\s+(?P<t>.*))?$")),
    ("roman", re.compile(r"^(?P<m>[IVX]{1,5})[.)]\s*(?P<t>.*)$")),
    ("decimal3", re.compile(r"^(?P<m>\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+(?P<t>.*)$")),
    ("decimal", re.compile(r"^(?P<m>\d{1,2}\.\d{1,2})\.?\s+(?P<t>\D.*)$")),
    ("arabic", re.compile(r"^(?P<m>\d{1,2})[.)]\s*(?P<t>\D.*)$")),
    ("letter", re.compile(r"^(?P<m>[a-zđ])\)\s*(?P<t>.*)$")),
    ("dash", re.compile(r"^(?P<m>[-–])\s*(?P<t>.+)$")),
    ("plus", re.compile(r"^(?P<m>\+)\s*(?P<t>.+)$")),
    ("bullet", re.compile(r"^(?P<m>[•·▪●])\s*(?P<t>.+)$")),
)
_HEADING_MAX = 220
_STRUCTURAL = ("part", "chapter", "article")
_LIST_KINDS = ("dash", "plus", "bullet")


@dataclass
class Node:
    marker: str
    kind: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    is_heading: bool = False

    def path(self) -> list[Node]:
        nodes: list[Node] = []
        node: Node | None = self
        while node is not None and node.parent is not None:
            nodes.insert(0, node)
            node = node.parent
        return nodes


@dataclass
class Block:
    """One paragraph with where it stands in the tree."""

    text: str
    node: Node
    is_item_start: bool

    @property
    def headings(self) -> list[str]:
        return [node.title for node in self.node.path() if node.is_heading]


def match_marker(paragraph: str) -> tuple[str, str, str] | None:
    """(kind, marker, rest) when the paragraph opens a numbered or bulleted item."""
    for kind, pattern in _MARKERS:
        match = pattern.match(paragraph)
        if match:
            return kind, match.group("m"), (match.group("t") or "").strip()
    return None


def _is_heading_text(text: str) -> bool:
    return (
        bool(text) and len(text) <= _HEADING_MAX and (is_upper_text(text) or text[-1] not in ".;")
    )


def build_tree(paragraphs: list[str]) -> tuple[Node, list[Block]]:
    """Build the section tree of the paragraphs; return its root and every paragraph's place."""
    root = Node(marker="", kind="root", title="")
    stack: list[Node] = []
    blocks: list[Block] = []
    awaiting_title: Node | None = None
    for paragraph in paragraphs:
        found = match_marker(paragraph)
        if found and found[0] == "roman" and not found[2]:
            found = None if len(paragraph) > 6 else found
        if found is None:
            while stack and stack[-1].kind in _LIST_KINDS and stack[-1].paragraphs[-1:] != [""]:
                # A bullet is one paragraph: the next plain paragraph belongs to the level above.
                stack.pop()
            current = stack[-1] if stack else root
            if awaiting_title is not None and is_upper_text(paragraph) and len(paragraph) < 300:
                awaiting_title.title = sentence_case(paragraph)
                awaiting_title.is_heading = True
                awaiting_title = None
            current.paragraphs.append(paragraph)
            blocks.append(Block(text=paragraph, node=current, is_item_start=False))
            continue
        kind, marker, rest = found
        kinds = [node.kind for node in stack]
        if kind in _STRUCTURAL:
            # A part closes everything, a chapter everything under a part, and so on.
            rank = _STRUCTURAL.index(kind)
            keep = 0
            for position, open_kind in enumerate(kinds):
                if open_kind in _STRUCTURAL and _STRUCTURAL.index(open_kind) < rank:
                    keep = position + 1
            del stack[keep:]
        elif kind in kinds:
            del stack[kinds.index(kind) :]
        parent = stack[-1] if stack else root
        title = sentence_case(rest) if _is_heading_text(rest) else rest[:_HEADING_MAX]
        node = Node(marker=marker, kind=kind, title=title, parent=parent)
        node.is_heading = _is_heading_text(rest) or not rest
        node.paragraphs.append(rest)
        parent.children.append(node)
        stack.append(node)
        awaiting_title = node if not rest and kind in ("part", "chapter", "roman") else None
        blocks.append(Block(text=rest, node=node, is_item_start=True))
    return root, blocks


def to_sections(node: Node) -> list[Section]:
    """The tree as nested dicts for the JSON output."""
    sections: list[Section] = []
    for child in node.children:
        sections.append(
            Section(
                marker=child.marker,
                kind=child.kind,
                title=child.title,
                text="\n".join(p for p in child.paragraphs if p),
                children=to_sections(child),
            )
        )
    return sections
