"""Ingest stage: files and folders -> chunks with metadata in the index, idempotently.

A document's content hash (text plus the metadata overrides it was ingested with) decides
the work: unchanged files cost nothing, changed ones have their chunks replaced, and files
gone from a re-ingested folder have their chunks removed.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from assistant.ingest.chunking import chunk_text
from assistant.ingest.loaders import SUPPORTED_SUFFIXES, LoadedDocument, LoadError, load
from assistant.types import KINDS, Chunk

CHUNKER_VERSION = "4"  # bump when chunking or stored metadata change: every document is re-indexed
SKIPPED_NAMES = {"README.md", "MANIFEST.tsv"}  # folder guides, not documents


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    chunks: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.replaced} replaced", f"{self.unchanged} unchanged",
                 f"{self.removed} removed", f"{self.chunks} chunks written", f"{len(self.failures)} failed"]
        return ", ".join(parts)


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path], list[tuple[str, str]]]:
    """-> (files to ingest, folders walked, problems with the given paths)."""
    files: list[Path] = []
    folders: list[Path] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw).expanduser().resolve()
        if path.is_dir():
            folders.append(path)
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and p.name not in SKIPPED_NAMES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append((str(raw), "no such file or folder"))
    return list(dict.fromkeys(files)), folders, problems


def guess_kind(path: Path, text: str) -> str:
    name = path.name.lower()
    head = text[:3000].lower()
    if re.search(r"acceptable[ -]use|prohibited[ -]use|use[ -]policy", name + " " + head[:400]):
        return "policy"
    if re.search(r"licen[cs]e|terms|copying|eula|rail", name):
        return "license"
    if re.search(r"card|readme", name):
        return "card"
    if re.search(r"\blicen[cs]e (agreement|version|\d)|terms and conditions|permission is hereby granted|licensor", head):
        return "license"
    if re.search(r"model card|model details|intended use|training data", head):
        return "card"
    return "other"


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [s.strip() for s in str(value).split(",") if s.strip()]


def document_metadata(doc: LoadedDocument, *, system: str | None, kind: str | None) -> dict[str, Any]:
    """Front matter and overrides -> the flat metadata Chroma stores on every chunk."""
    front = doc.metadata
    systems = _as_list(front.get("system") or front.get("systems"))
    name = system or (systems[0] if systems else "")
    aliases = _as_list(front.get("aliases")) + systems[1:] + _as_list(front.get("versions"))
    sources = front.get("sources") or []
    urls = [str(s.get("url", "")) if isinstance(s, dict) else str(s) for s in sources] if isinstance(sources, list) else []
    urls = [u for u in urls if u]
    first_source = urls[0] if urls else ""
    chosen_kind = (kind or str(front.get("kind") or "") or guess_kind(doc.path, doc.text)).lower()
    if chosen_kind not in KINDS:
        chosen_kind = "other"
    title = str(front.get("title") or _first_heading(doc.text) or doc.path.stem.replace("-", " "))
    meta = {
        "system": name,
        "aliases": "|".join(dict.fromkeys(a for a in aliases if a and a != name)),
        "family": str(front.get("family") or ""),
        "vendor": str(front.get("vendor") or ""),
        "vendor_type": str(front.get("vendor_type") or ""),
        "version": str(front.get("version") or ""),
        "kind": chosen_kind,
        "title": title[:200],
        "source_url": str(front.get("source_url") or first_source or front.get("license_url") or ""),
        "license": str(front.get("license") or ""),
        "date": str(front.get("date") or front.get("release_date") or ""),
        "source": str(doc.path),
        "sources": "|".join(urls),
    }
    return meta


def _first_heading(text: str) -> str:
    match = re.search(r"^#{1,3}\s+(.+)$", text, re.MULTILINE)
    if match:
        return match.group(1).strip()
    first = text.strip().splitlines()[0].strip() if text.strip() else ""
    return first if len(first) <= 100 else ""


def content_hash(raw: bytes, *, system: str | None, kind: str | None) -> str:
    """The file's bytes plus the overrides it was ingested with: any change means new chunks."""
    h = hashlib.sha256()
    h.update(f"chunker={CHUNKER_VERSION}\x00system={system or ''}\x00kind={kind or ''}\x00".encode())
    h.update(raw)
    return h.hexdigest()


def make_chunks(doc: LoadedDocument, meta: dict[str, Any], *, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    doc_hash = meta["doc_hash"]
    pieces = chunk_text(doc.text, markdown=doc.markdown, chunk_size=chunk_size, chunk_overlap=chunk_overlap)
    return [
        Chunk(f"{doc_hash[:20]}-{i:04d}", text, {**meta, "heading": heading, "chunk_index": i})
        for i, (heading, text) in enumerate(pieces)
    ]


class Ingestor:
    """Writes documents into a store; knows nothing about questions or answers."""

    def __init__(self, *, store, chunk_size: int = 900, chunk_overlap: int = 120, progress: bool = True,
                 resolve_system: Callable[[list[str]], str | None] | None = None) -> None:
        """resolve_system maps the names a rating file uses to a system already indexed."""
        if chunk_size < 100:
            raise ValueError("chunk_size must be at least 100 characters")
        self.resolve_system = resolve_system
        self.store = store
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.progress = progress

    def ingest(self, paths: Iterable[Path], *, system: str | None = None, kind: str | None = None,
               description: str = "Ingesting") -> IngestReport:
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}")
        if system is not None and not system.strip():
            raise ValueError("--system must not be empty")
        files, folders, problems = expand_paths(paths)
        report = IngestReport(failures=list(problems))
        known = self.store.sources()
        seen: set[str] = set()
        bar = _progress(files, description, self.progress)
        for path in bar:
            seen.add(str(path))
            try:
                self._ingest_file(path, system=system, kind=kind, known=known, report=report)
            except LoadError as exc:
                report.failures.append((str(path), str(exc)))
            except OSError as exc:
                report.failures.append((str(path), f"cannot read: {exc.strerror or exc}"))
            if hasattr(bar, "set_postfix"):
                bar.set_postfix(new=report.added, changed=report.replaced, same=report.unchanged, failed=len(report.failures))
        for folder in folders:
            prefix = str(folder) + "/"
            for source in known:
                if source.startswith(prefix) and source not in seen:
                    self.store.delete_source(source)
                    report.removed += 1
        return report

    def _ingest_file(self, path: Path, *, system, kind, known: dict[str, str], report: IngestReport) -> None:
        doc_hash = content_hash(path.read_bytes(), system=system, kind=kind)
        previous = known.get(str(path))
        if previous == doc_hash:
            report.unchanged += 1
            return
        doc = load(path)
        if not doc.text.strip():
            raise LoadError("empty document")
        if system is None and doc.metadata.get("rated_names") and self.resolve_system is not None:
            resolved = self.resolve_system(list(doc.metadata["rated_names"]))
            if resolved:
                doc.metadata["aliases"] = [n for n in doc.metadata["rated_names"] if n != resolved]
                doc.metadata["system"] = resolved
        meta = document_metadata(doc, system=system, kind=kind)
        meta["doc_hash"] = doc_hash
        chunks = make_chunks(doc, meta, chunk_size=self.chunk_size, chunk_overlap=self.chunk_overlap)
        if not chunks:
            raise LoadError("no text to index")
        if previous is not None:
            self.store.delete_source(str(path))
            report.replaced += 1
        else:
            report.added += 1
        self.store.add(chunks)
        report.chunks += len(chunks)


def _progress(items: list[Path], description: str, enabled: bool):
    if not enabled or not items:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=description, unit="file", dynamic_ncols=True, leave=True)
