"""The index: a Chroma collection (local folder or server) plus a BM25 keyword index over it.

Chroma is the single source of truth: the keyword index, the catalog of systems and the
list of ingested files are all derived from the chunks and metadata stored there.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from assistant.settings import Settings
from assistant.types import Chunk, SystemInfo

ADD_BATCH = 64


class IndexError_(RuntimeError):
    """The index cannot be opened or used; the message says why and what to do."""


def normalize_name(name: str) -> str:
    """'LLaMA-2 ', 'llama 2', 'Llama2' -> 'llama2': the key names and aliases are matched on."""
    return re.sub(r"[^a-z0-9.]+", "", name.lower().replace("_", " ")).strip(".")


class ChromaStore:
    """Chroma collection with our registered embedding function."""

    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings
        self._collection = None

    def warm_up(self) -> None:
        if self._collection is not None:
            return
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        from assistant.embeddings import embedding_function

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        try:
            if self.settings.chroma_url:
                from urllib.parse import urlparse

                url = urlparse(self.settings.chroma_url)
                client = chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                             ssl=url.scheme == "https", settings=chroma_settings)
            else:
                self.settings.index_dir.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=str(self.settings.index_dir), settings=chroma_settings)
            self._collection = client.get_or_create_collection(
                name=self.settings.collection,
                embedding_function=embedding_function(self.settings.embeddings),
                metadata={"hnsw:space": "cosine"},
            )
        except ValueError as exc:
            # e.g. the collection was built with another embedding backend
            raise IndexError_(f"cannot open collection {self.settings.collection!r}: {exc}") from None
        except Exception as exc:  # chromadb raises many connection/storage error types
            where = self.settings.chroma_url or self.settings.index_dir
            raise IndexError_(f"cannot open the index at {where}: {exc}") from None

    @property
    def collection(self):
        self.warm_up()
        return self._collection

    def describe(self) -> str:
        where = self.settings.chroma_url or str(self.settings.index_dir)
        return f"chroma ({'server' if self.settings.chroma_url else 'local'}: {where})"

    def count(self) -> int:
        return self.collection.count()

    def add(self, chunks: list[Chunk]) -> None:
        for start in range(0, len(chunks), ADD_BATCH):
            batch = chunks[start:start + ADD_BATCH]
            self.collection.upsert(
                ids=[c.id for c in batch], documents=[c.text for c in batch], metadatas=[c.metadata for c in batch]
            )

    def delete_source(self, source: str) -> None:
        self.collection.delete(where={"source": source})

    def sources(self) -> dict[str, str]:
        """source path -> content hash of every ingested document."""
        got = self.collection.get(include=["metadatas"])
        return {m["source"]: m.get("doc_hash", "") for m in got["metadatas"] if m and "source" in m}

    def all_chunks(self) -> list[Chunk]:
        got = self.collection.get(include=["documents", "metadatas"])
        return [Chunk(i, d or "", dict(m or {})) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]

    def query(self, text: str, *, k: int, systems: Iterable[str] | None = None) -> list[tuple[str, float]]:
        """Dense search -> (chunk id, cosine similarity), optionally limited to systems."""
        systems = list(systems or [])
        where = None
        if systems:
            where = {"system": systems[0]} if len(systems) == 1 else {"system": {"$in": systems}}
        total = self.count()
        if total == 0:
            return []
        got = self.collection.query(query_texts=[text], n_results=min(k, total), where=where, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(got["ids"][0], got["distances"][0])]


TOKEN = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
STOPWORDS = frozenset("a an and are as at be by can do does for from i if in into is it its may me my of on or our so that the their this to under we what when which with you your".split())


def tokenize(text: str) -> list[str]:
    return [t for t in TOKEN.findall(text.lower()) if t not in STOPWORDS]


@dataclass
class KeywordIndex:
    """BM25 over all chunks, filtered to systems after scoring."""

    chunks: list[Chunk]

    def __post_init__(self) -> None:
        from rank_bm25 import BM25Okapi

        self._bm25 = BM25Okapi([tokenize(c.text + " " + c.metadata.get("heading", "")) for c in self.chunks]) if self.chunks else None

    def search(self, text: str, *, k: int, systems: Iterable[str] | None = None) -> list[tuple[str, float]]:
        if self._bm25 is None:
            return []
        wanted = set(systems or [])
        scores = self._bm25.get_scores(tokenize(text))
        ranked = sorted(
            ((c.id, float(s)) for c, s in zip(self.chunks, scores) if s > 0 and (not wanted or c.system in wanted)),
            key=lambda pair: -pair[1],
        )
        return ranked[:k]


def implied_aliases(name: str) -> list[str]:
    """Shorter names a system's own name implies: 'Falcon-40B (May 2023)' -> 'Falcon-40B'; 'ChatGLM-6B code' -> 'ChatGLM-6B'."""
    found = []
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if bare and bare != name:
        found.append(bare)
    first = bare.split()[0] if bare.split() else ""
    if first != bare and re.search(r"\d", first) and re.search(r"[A-Za-z]{2}", first):
        found.append(first)
    return found


def build_catalog(chunks: Iterable[Chunk]) -> dict[str, SystemInfo]:
    """Every indexed system with the aliases, family, vendor and document kinds it has."""
    aliases: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)
    family: dict[str, str] = {}
    vendor: dict[str, str] = {}
    for chunk in chunks:
        name = chunk.system
        if not name:
            continue
        meta = chunk.metadata
        aliases[name].update(a for a in str(meta.get("aliases", "")).split("|") if a)
        aliases[name].update(implied_aliases(name))
        kinds[name].add(meta.get("kind", "other"))
        family.setdefault(name, meta.get("family", "") or "")
        vendor.setdefault(name, meta.get("vendor", "") or "")
        if meta.get("family"):
            family[name] = meta["family"]
    return {
        name: SystemInfo(name, tuple(sorted(a for a in aliases[name] if a != name)), family.get(name, ""), vendor.get(name, ""),
                         tuple(sorted(kinds[name])))
        for name in sorted(kinds)
    }
