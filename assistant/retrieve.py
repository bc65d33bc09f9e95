"""Retrieve stage: hybrid search (dense Chroma + BM25 keywords), fused, filtered by system.

Besides the passages ranked for the question, it hands the assess stage every chunk of each
named system: a clause that decides a freedom must not be missed because it ranked low.
"""
from __future__ import annotations

import time
from collections import defaultdict

from assistant.store import ChromaStore, KeywordIndex, build_catalog
from assistant.types import Chunk, Passage, Query, Retrieval, SystemInfo

RRF_K = 60  # reciprocal-rank-fusion constant from Cormack et al.; damps the top ranks
FREEDOM_HINTS = {
    "use": "use commercial purposes permitted restrictions acceptable use policy",
    "study": "weights training code training data released components",
    "modify": "modify fine-tune derivative works outputs improve models",
    "share": "distribute redistribution sublicense copies notice license",
}


def fuse(rankings: list[list[tuple[str, float]]]) -> list[tuple[str, float]]:
    scores: dict[str, float] = defaultdict(float)
    for ranking in rankings:
        for rank, (chunk_id, _score) in enumerate(ranking):
            scores[chunk_id] += 1.0 / (RRF_K + rank + 1)
    return sorted(scores.items(), key=lambda pair: -pair[1])


class Retriever:
    def __init__(self, *, store: ChromaStore, top_k: int = 8) -> None:
        if top_k < 1:
            raise ValueError("top_k must be at least 1")
        self.store = store
        self.top_k = top_k
        self._chunks: dict[str, Chunk] | None = None
        self._keywords: KeywordIndex | None = None
        self._by_system: dict[str, list[Chunk]] = {}
        self.catalog: dict[str, SystemInfo] = {}

    def warm_up(self) -> None:
        if self._chunks is not None:
            return
        chunks = self.store.all_chunks()
        chunks.sort(key=lambda c: (c.metadata.get("source", ""), c.metadata.get("chunk_index", 0)))
        self._chunks = {c.id: c for c in chunks}
        self._keywords = KeywordIndex(chunks)
        self._by_system = defaultdict(list)
        for chunk in chunks:
            self._by_system[chunk.system].append(chunk)
        self.catalog = build_catalog(chunks)

    def chunk(self, chunk_id: str) -> Chunk | None:
        self.warm_up()
        return self._chunks.get(chunk_id)

    def retrieve(self, query: Query) -> Retrieval:
        self.warm_up()
        started = time.perf_counter()
        text = query.question + " " + " ".join(FREEDOM_HINTS[f] for f in query.freedoms)
        passages: list[Passage] = []
        if query.systems:
            per_system = [self._search(text, [name]) for name in query.systems]
            # interleave so every system named gets its best passages in
            for rank in range(max(len(p) for p in per_system) if per_system else 0):
                passages.extend(p[rank] for p in per_system if rank < len(p))
        else:
            scope = [n for n, i in self.catalog.items() if set(i.kinds) & {"definition", "framework"}]
            passages = self._search(query.question, scope or None)
        system_chunks = {name: list(self._by_system.get(name, [])) for name in query.systems}
        return Retrieval(passages=passages, system_chunks=system_chunks,
                         timings_ms={"retrieve": (time.perf_counter() - started) * 1000})

    def _search(self, text: str, systems: list[str] | None) -> list[Passage]:
        dense = self.store.query(text, k=self.top_k * 2, systems=systems)
        keyword = self._keywords.search(text, k=self.top_k * 2, systems=systems) if self._keywords else []
        fused = fuse([dense, keyword])[: self.top_k]
        return [Passage(self._chunks[cid], score) for cid, score in fused if cid in self._chunks]
