"""Openness Assistant: is this AI system really open? Verdicts per freedom, with citations.

``Assistant(settings).ask(question)`` runs the whole pipeline (understand -> retrieve ->
assess -> answer) and returns an ``Answer`` whose ``to_dict()`` is the ``ask --json``
contract. Heavy libraries load lazily, on ``warm_up()`` or first use.
"""
from __future__ import annotations

from assistant import offline

offline.enforce()

import hashlib  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Iterable  # noqa: E402

from assistant.settings import Settings  # noqa: E402
from assistant.types import Answer, SystemInfo  # noqa: E402

__all__ = ["Assistant", "Settings", "Answer", "QuestionError"]
__version__ = "0.1.0"
MAX_QUESTION_CHARS = 2000


class QuestionError(ValueError):
    """The question cannot be asked as given (empty, too long)."""


class Assistant:
    def __init__(self, settings: Settings | None = None, *, llm=None) -> None:
        from assistant.store import ChromaStore

        self.settings = settings or Settings()
        self.store = ChromaStore(settings=self.settings)
        self._llm = llm
        self._retriever = None
        self._answerer = None

    # -- lifecycle -----------------------------------------------------------------------
    def warm_up(self) -> None:
        from assistant.answer import Answerer
        from assistant.assess import Assessor
        from assistant.llm import build_llm
        from assistant.retrieve import Retriever

        if self._retriever is not None:
            return
        self.store.warm_up()
        self.ensure_default_index()
        self._retriever = Retriever(store=self.store, top_k=self.settings.top_k)
        self._retriever.warm_up()
        self._assessor = Assessor(catalog=self._retriever.catalog)
        if self._llm is None:
            self._llm = build_llm(self.settings)
        self._answerer = Answerer(llm=self._llm, prompts_dir=self.settings.prompts_dir, max_citations=self.settings.max_citations)

    def uses_default_index(self) -> bool:
        from assistant.resources import default_index_dir

        return self.settings.chroma_url is None and Path(self.settings.index_dir).resolve() == default_index_dir().resolve()

    def ensure_default_index(self) -> None:
        """Build (or refresh) the default index from the shipped corpora when they changed."""
        if not self.uses_default_index():
            return
        corpora = Path(self.settings.corpora_dir)
        stamp = Path(self.settings.index_dir) / "corpora.stamp"
        fingerprint = _fingerprint(corpora)
        if stamp.exists() and stamp.read_text() == fingerprint and self.store.count() > 0:
            return
        report = self.ingest([corpora], description="Building the default index")
        if report.ok:
            stamp.write_text(fingerprint)

    # -- the two jobs --------------------------------------------------------------------
    def ingest(self, paths: Iterable[Path], *, system: str | None = None, kind: str | None = None,
               description: str = "Ingesting"):
        from assistant.ingest import Ingestor

        ingestor = Ingestor(store=self.store, chunk_size=self.settings.chunk_size,
                            chunk_overlap=self.settings.chunk_overlap, progress=self.settings.progress,
                            resolve_system=self._system_resolver())
        report = ingestor.ingest(paths, system=system, kind=kind, description=description)
        self._retriever = None  # the keyword index and catalog must be rebuilt
        return report

    def _system_resolver(self):
        """Names a rating file uses ("LLaMA2 Chat") -> a system already in the index ("Llama 2")."""
        from assistant.store import build_catalog
        from assistant.understand import resolve_name

        catalog = None

        def resolve(names: list[str]) -> str | None:
            nonlocal catalog
            if catalog is None:
                catalog = build_catalog(self.store.all_chunks())
            return resolve_name(names[0], catalog, within=names[1] if len(names) > 1 else None) if names else None

        return resolve

    def ask(self, question: str) -> Answer:
        from assistant.embeddings import describe
        from assistant.understand import understand

        if not isinstance(question, str) or not question.strip():
            raise QuestionError("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionError(f"the question is longer than {MAX_QUESTION_CHARS} characters")
        started = time.perf_counter()
        self.warm_up()
        query = understand(question, self._retriever.catalog)
        retrieval = self._retriever.retrieve(query)
        assessed_at = time.perf_counter()
        assessment = self._assessor.assess(query, retrieval)
        assess_ms = (time.perf_counter() - assessed_at) * 1000
        backend = {"llm": self._llm.name, "embeddings": describe(self.settings.embeddings), "store": self.store.describe()}
        answer = self._answerer.answer(query, retrieval, assessment, backend=backend)
        answer.retrieved = [p.chunk for p in retrieval.passages]
        answer.timings_ms = {
            "retrieve": round(retrieval.timings_ms.get("retrieve", 0.0), 1),
            "assess": round(assess_ms, 1),
            "generate": round(answer.timings_ms.get("generate", 0.0), 1),
            "total": round((time.perf_counter() - started) * 1000, 1),
        }
        return answer

    def chunk(self, chunk_id: str):
        """One indexed chunk by id, or None."""
        self.warm_up()
        return self._retriever.chunk(chunk_id)

    def systems(self) -> list[SystemInfo]:
        return list(self.catalog().values())

    def catalog(self) -> dict[str, SystemInfo]:
        """Every indexed system by name, with aliases, family, vendor and document kinds."""
        self.warm_up()
        return self._retriever.catalog


def _fingerprint(folder: Path) -> str:
    from assistant.ingest import CHUNKER_VERSION

    digest = hashlib.sha256(CHUNKER_VERSION.encode())
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
