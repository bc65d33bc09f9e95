"""Heading-aware chunking: split on markdown headings first, then by size within a section."""
from __future__ import annotations

import re

from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3")]
# Plain-text licenses number their sections ("1. Definitions", "Section 2 –"); treat those
# lines as headings so a chunk does not straddle two clauses.
PLAIN_HEADING = re.compile(r"^(?:[Ss]ection\s+\d+[.:)]?.{0,80}|[Aa]rticle\s+\d+[.:)]?.{0,80}|\d{1,2}\.\s+[A-Z][^\n]{2,80}|[A-Z][A-Z \-]{6,60})$", re.MULTILINE)


def chunk_text(text: str, *, markdown: bool, chunk_size: int, chunk_overlap: int) -> list[tuple[str, str]]:
    """Return (heading path, chunk text) pairs; empty chunks are dropped."""
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size, chunk_overlap=min(chunk_overlap, chunk_size // 2),
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
    )
    sections = _markdown_sections(text) if markdown else _plain_sections(unwrap(text))
    pieces: list[tuple[str, str]] = []
    for heading, body in sections:
        for part in splitter.split_text(body):
            part = part.strip()
            if len(re.sub(r"\W", "", part)) >= 3:
                pieces.append((heading, part))
    return pieces


LIST_START = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)]|\(?[a-zA-Z]\)|\(?[ivx]{1,4}[.)])\s+")


def unwrap(text: str) -> str:
    """Re-join hard-wrapped lines of plain text so that chunks end between sentences, not inside one."""
    out: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            out.append("")
        elif out and out[-1] and not LIST_START.match(stripped) and not PLAIN_HEADING.match(stripped) \
                and not PLAIN_HEADING.match(out[-1]):
            out[-1] = out[-1] + " " + stripped
        else:
            out.append(stripped)
    return "\n".join(out)


def _markdown_sections(text: str) -> list[tuple[str, str]]:
    splitter = MarkdownHeaderTextSplitter(headers_to_split_on=HEADERS, strip_headers=False)
    sections = []
    for doc in splitter.split_text(text):
        heading = " > ".join(doc.metadata[key] for _, key in HEADERS if key in doc.metadata)
        sections.append((heading, doc.page_content))
    return sections or [("", text)]


def _plain_sections(text: str) -> list[tuple[str, str]]:
    starts = [m.start() for m in PLAIN_HEADING.finditer(text)]
    if not starts:
        return [("", text)]
    bounds = ([0] if starts[0] > 0 else []) + starts + [len(text)]
    sections = []
    for begin, end in zip(bounds, bounds[1:]):
        body = text[begin:end]
        first_line = body.strip().splitlines()[0] if body.strip() else ""
        heading = first_line.strip() if PLAIN_HEADING.match(first_line.strip()) else ""
        sections.append((heading[:120], body))
    return sections
