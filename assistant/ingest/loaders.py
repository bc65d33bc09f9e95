"""Read one file into text plus metadata: markdown (YAML front matter), text, HTML, PDF, rating YAML."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

SUPPORTED_SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".yaml", ".yml"}
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)


class LoadError(ValueError):
    """The file cannot be read as a document; the message says why."""


@dataclass
class LoadedDocument:
    path: Path
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    markdown: bool = False  # headings are '#' lines, so the chunker can split on them


def load(path: Path) -> LoadedDocument:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type {suffix or '(none)'}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    if suffix == ".pdf":
        return _load_pdf(path)
    raw = _read_text(path)
    if suffix in {".md", ".markdown"}:
        return _load_markdown(path, raw)
    if suffix in {".html", ".htm"}:
        return LoadedDocument(path, _html_to_markdown(raw), {}, markdown=True)
    if suffix in {".yaml", ".yml"}:
        from assistant.ingest.ratings import load_rating

        return load_rating(path, raw)
    return LoadedDocument(path, raw, {}, markdown=False)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise LoadError("binary content in a text file")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LoadError("not valid UTF-8 or cp1252 text")


def _load_markdown(path: Path, raw: str) -> LoadedDocument:
    match = FRONT_MATTER.match(raw)
    if not match:
        return LoadedDocument(path, raw, {}, markdown=True)
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise LoadError(f"invalid YAML front matter: {str(exc).splitlines()[0]}") from None
    if not isinstance(meta, dict):
        raise LoadError("front matter is not a mapping")
    return LoadedDocument(path, raw[match.end():], meta, markdown=True)


def _load_pdf(path: Path) -> LoadedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, OSError) as exc:
        raise LoadError(f"unreadable PDF: {exc}") from None
    text = "\n\n".join(pages).strip()
    if not text:
        raise LoadError("PDF has no extractable text (scanned images are not supported)")
    title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    return LoadedDocument(path, text, {"title": str(title)} if title else {}, markdown=False)


class _TextExtractor(HTMLParser):
    """HTML -> markdown-ish text: headings become '#' lines, scripts and styles vanish."""

    _SKIP = {"script", "style", "noscript", "svg", "head"}
    _BLOCK = {"p", "div", "li", "br", "tr", "section", "article", "ul", "ol", "table", "pre", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skipping += 1
        if tag == "title":
            self._in_title = True
        if re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1
        if tag == "title":
            self._in_title = False
        if re.fullmatch(r"h[1-6]", tag) or tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if not self.skipping:
            self.parts.append(data)


def _html_to_markdown(raw: str) -> str:
    parser = _TextExtractor()
    parser.feed(raw)
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()
