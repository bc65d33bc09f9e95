"""Typed results passed from one pipeline stage to the next, each with a to_dict()."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

FREEDOMS = ("use", "study", "modify", "share")
Freedom = Literal["use", "study", "modify", "share"]
FreedomVerdict = Literal["granted", "restricted", "not_granted", "unknown"]
QuestionVerdict = Literal["yes", "conditional", "no", "unknown"]
KINDS = ("license", "policy", "card", "definition", "rating", "framework", "other")


@dataclass(frozen=True)
class Chunk:
    """One retrievable piece of an ingested document."""

    id: str
    text: str
    metadata: dict[str, Any]

    @property
    def system(self) -> str:
        return self.metadata.get("system", "")

    @property
    def kind(self) -> str:
        return self.metadata.get("kind", "other")

    @property
    def source(self) -> str:
        return self.metadata.get("source_url") or self.metadata.get("source", "")

    @property
    def title(self) -> str:
        return self.metadata.get("title", "")


@dataclass(frozen=True)
class SystemInfo:
    """An indexed system as the catalog knows it."""

    name: str
    aliases: tuple[str, ...] = ()
    family: str = ""
    vendor: str = ""
    kinds: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Facts:
    """Facts stated in the question that decide conditions."""

    commercial: bool | None = None  # True: commercial; False: explicitly non-commercial
    monthly_active_users: int | None = None
    annual_revenue: float | None = None
    in_eu: bool = False
    purposes: list[str] = field(default_factory=list)  # e.g. "military", "surveillance"
    uses_outputs_for_training: bool = False
    hosting: bool = False
    historical: bool = False  # asks about earlier terms ("under the original license")
    waives: list[str] = field(default_factory=list)  # conditions the user wants to skip: naming, attribution, pass_through
    end_user: bool = False  # uses a product built on the system, rather than building with it
    text_only: bool = False  # asks about text (not multimodal/vision) models
    derivative_name: str | None = None  # the name the user wants to give a derivative model
    litigation: bool = False  # the user sues or would sue over patents
    asks_patent: bool = False  # asks whether patent rights are granted

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Query:
    """What the understand stage made of a question."""

    question: str
    systems: list[str]
    unknown_names: list[str]
    freedoms: list[str]
    asks_permission: bool
    facts: Facts
    intent: Literal["permission", "freedom", "conformance", "definition", "comparison", "components", "out_of_scope", "general"] = "general"
    mentions: dict[str, str] = field(default_factory=dict)  # system -> the words the question used for it
    language: str = "en"
    notes: list[str] = field(default_factory=list)  # e.g. "assumed Llama 3.1 for 'Llama'"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Passage:
    """A retrieved chunk with its fused retrieval score."""

    chunk: Chunk
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.chunk.id, "score": self.score, "text": self.chunk.text, "metadata": self.chunk.metadata}


@dataclass
class Retrieval:
    """Passages ranked for the question plus every chunk of each named system."""

    passages: list[Passage]
    system_chunks: dict[str, list[Chunk]]
    timings_ms: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Evidence:
    """A clause found in a document: what it decides and the sentence that says it."""

    clause: str  # e.g. "non_commercial", "user_threshold", "permissive_grant"
    freedoms: tuple[str, ...]
    effect: Literal["grant", "condition", "restrict", "deny", "released", "not_released"]
    condition: str
    quote: str
    chunk_id: str
    detail: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass
class FreedomAssessment:
    verdict: FreedomVerdict
    conditions: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    extra: list[Evidence] = field(default_factory=list)  # everything else read for it (e.g. every component statement)


@dataclass
class SystemAssessment:
    name: str
    freedoms: dict[str, FreedomAssessment]
    documents: int
    question_verdict: QuestionVerdict | None = None
    reasons: list[Evidence] = field(default_factory=list)  # what decided the question verdict
    notes: list[str] = field(default_factory=list)
    disagreements: list[tuple[Evidence, Evidence]] = field(default_factory=list)  # (own document, rating) that differ


@dataclass
class Assessment:
    systems: list[SystemAssessment]
    verdict: QuestionVerdict | None


@dataclass
class Citation:
    n: int
    source: str
    title: str
    system: str
    quote: str
    chunk_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "source": self.source, "title": self.title, "system": self.system, "quote": self.quote}


@dataclass
class Answer:
    """The assistant's reply; to_dict() is the JSON contract of ``ask --json``."""

    question: str
    verdict: QuestionVerdict | None
    answer: str
    systems: list[dict[str, Any]]
    citations: list[Citation]
    backend: dict[str, str]
    timings_ms: dict[str, float]
    retrieved: list[Chunk] = field(default_factory=list, repr=False)  # for evaluation; not part of the contract
    explained_by: str = ""  # "llm" when the model's explanation passed the guard, "quotes" when it was replaced

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "verdict": self.verdict,
            "answer": self.answer,
            "systems": self.systems,
            "citations": [c.to_dict() for c in self.citations],
            "backend": self.backend,
            "timings_ms": self.timings_ms,
        }
