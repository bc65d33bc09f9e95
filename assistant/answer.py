"""Answer stage: verdicts + passages -> text with [n] citations, from a template and the LLM.

The first sentence states the question-level verdict in plain words and is written here,
not by the LLM. The LLM only explains; its text is checked and replaced when it contradicts
the verdict, cites passages it was not given, or degenerates.
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from string import Template

from assistant.assess.sentences import clip, sentences
from assistant.llm import LLM, LLMError
from assistant.store import tokenize
from assistant.types import FREEDOMS, Answer, Assessment, Citation, Chunk, Evidence, Query, Retrieval, SystemAssessment

VERDICT_WORDS = {"granted": "granted", "restricted": "restricted", "not_granted": "not granted", "unknown": "unknown"}
INJECTION = re.compile(r"\b(ignore|disregard|forget)\b[^.]{0,40}\b(above|previous|prior|instructions|rules)\b|\byou are now\b|\bsystem prompt\b|"
                       r"\b(say|answer|respond|state|tell)\b[^.]{0,30}\b(that )?(the model|it|this) is (fully )?open", re.I)
AFFIRM = re.compile(r"\b(yes\b|you can\b|you may\b|is allowed|are allowed|is permitted|are permitted|fully open|without (any )?restrictions?|no restrictions|freely)", re.I)
DENY = re.compile(r"\b(no\b|not allowed|not permitted|cannot|can't|can not|prohibited|forbidden|may not|is not open|isn't open)", re.I)
OUT_OF_SCOPE_TEXT = ("The Open Source AI Definition does not cover ethics, safety or responsible use: it says what freedoms the "
                     "terms must grant, not whether a system is ethical or trustworthy, and leaves those questions to a separate conversation.")


class Answerer:
    def __init__(self, *, llm: LLM, prompts_dir: Path, max_citations: int = 8) -> None:
        if not (Path(prompts_dir) / "answer.txt").is_file():
            raise FileNotFoundError(f"prompt templates not found in {prompts_dir}")
        self.llm = llm
        self.max_citations = max_citations
        self.templates = {name: Template((Path(prompts_dir) / f"{name}.txt").read_text(encoding="utf-8"))
                          for name in ("system", "answer", "definition")}

    def answer(self, query: Query, retrieval: Retrieval, assessment: Assessment, *, backend: dict[str, str]) -> Answer:
        started = time.perf_counter()
        citations = Citations(self.max_citations)
        for system in assessment.systems:
            for evidence in system.reasons:
                citations.add_evidence(evidence, retrieval)
            for freedom in FREEDOMS:
                for evidence in system.freedoms[freedom].evidence[:2]:
                    citations.add_evidence(evidence, retrieval)
        for passage in retrieval.passages:
            citations.add_chunk(passage.chunk, _best_sentence(passage.chunk.text, query.question))

        for system in assessment.systems:
            for mine, rated in system.disagreements[:2]:
                citations.add_evidence(mine, retrieval)
                citations.add_evidence(rated, retrieval)
        opening = self._opening(query, assessment, citations)
        details = "\n".join(part for part in (self._freedom_lines(query, assessment, citations),
                                               self._disagreement_lines(assessment, citations)) if part)
        explanation, explained_by = self._explanation(query, assessment, opening, details, citations)
        text = "\n\n".join(part for part in (opening, details, explanation) if part)
        systems = [_system_dict(s, citations) for s in assessment.systems]
        return Answer(question=query.question, verdict=assessment.verdict, answer=text, systems=systems,
                      citations=citations.items, backend=backend,
                      timings_ms={"generate": (time.perf_counter() - started) * 1000}, explained_by=explained_by)

    # -- the parts of the text -------------------------------------------------------------
    def _opening(self, query: Query, assessment: Assessment, citations: "Citations") -> str:
        notes = "".join(f" ({note})" for note in query.notes)
        if query.language == "other":
            return ("I can read questions in English, German, French, Spanish, Italian, Portuguese and Dutch only; "
                    "please ask again in one of them.")
        if query.intent == "out_of_scope" and not query.systems:
            marks = citations.marks_for_kind("definition", 2)
            return OUT_OF_SCOPE_TEXT + marks
        if not query.systems and query.unknown_names:
            names = ", ".join(query.unknown_names)
            return f"I don't know: I have no documents about {names}, so I cannot say what its terms allow.{notes}"
        if not query.systems:
            if query.intent in {"definition", "general", "out_of_scope"}:
                return self._extractive(query, citations) + notes
            return "I don't know: the question names no system I have documents about." + notes
        parts = []
        for system in assessment.systems:
            parts.append(_system_opening(query, system, citations))
        if query.intent == "out_of_scope":
            parts.insert(0, OUT_OF_SCOPE_TEXT + citations.marks_for_kind("definition", 1))
        if query.intent == "comparison" and len(assessment.systems) > 1:
            parts.insert(0, _comparison(assessment.systems))
        return " ".join(parts) + notes

    def _extractive(self, query: Query, citations: "Citations") -> str:
        passages = citations.passage_citations(3)
        if not passages:
            return "I don't know: none of my documents answers this."
        return " ".join(f"{c.quote} [{c.n}]" for c in passages[:2])

    def _freedom_lines(self, query: Query, assessment: Assessment, citations: "Citations") -> str:
        lines = []
        for system in assessment.systems:
            if not system.documents:
                continue
            if len(assessment.systems) > 1:
                lines.append(f"**{system.name}**")
            for freedom in FREEDOMS:
                item = system.freedoms[freedom]
                marks = citations.marks(item.evidence[:3])
                conditions = f": {'; '.join(item.conditions)}" if item.conditions else ""
                lines.append(f"- {freedom.capitalize()}: {VERDICT_WORDS[item.verdict]}{conditions}{marks}")
        return "\n".join(lines)

    def _disagreement_lines(self, assessment: Assessment, citations: "Citations") -> str:
        lines = []
        for system in assessment.systems:
            for mine, rated in system.disagreements[:2]:
                component = mine.detail["component"]
                own_says = "released" if mine.detail["status"] == "released" else "not released"
                rating_says = "open" if rated.detail["status"] == "released" else "closed"
                if not citations.marks([rated]) or not citations.marks([mine]):
                    continue
                lines.append(f"- Note: a published rating judges {system.name}'s {component} as {rating_says}"
                             f"{citations.marks([rated])}, while its own documents say it is {own_says}{citations.marks([mine])}.")
        return "\n".join(lines)

    def _explanation(self, query: Query, assessment: Assessment, opening: str, details: str,
                     citations: "Citations") -> tuple[str, str]:
        passages = citations.numbered_passages()
        if not passages or query.language == "other":
            return "", ""
        if query.systems:
            prompt = self.templates["answer"].safe_substitute(question=query.question, verdict_line=opening,
                                                              freedom_lines=details or "(none)", passages=passages)
        else:
            prompt = self.templates["definition"].safe_substitute(question=query.question, passages=passages)
        try:
            text = self.llm.generate(self.templates["system"].template, prompt)
        except LLMError:
            text = ""
        checked = guard(text, assessment.verdict, set(citations.numbers()), grounding=prompt)
        if checked:
            return checked, "llm"
        return _quoted_explanation(assessment, citations), "quotes"


class Citations:
    """Numbers passages in the order they are first cited."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.items: list[Citation] = []
        self._by_key: dict[tuple[str, str], int] = {}
        self._chunks: dict[int, Chunk] = {}

    def add_evidence(self, evidence: Evidence, retrieval: Retrieval) -> int | None:
        chunk = _find_chunk(evidence.chunk_id, retrieval)
        return self.add_chunk(chunk, evidence.quote) if chunk else None

    def add_chunk(self, chunk: Chunk, quote: str) -> int | None:
        key = (chunk.id, quote)
        if key in self._by_key:
            return self._by_key[key]
        if len(self.items) >= self.limit:
            return None
        n = len(self.items) + 1
        self.items.append(Citation(n, chunk.source or chunk.metadata.get("source", ""), chunk.title, chunk.system, clip(quote, 300), chunk.id))
        self._chunks[n] = chunk
        self._by_key[key] = n
        return n

    def marks(self, evidence: list[Evidence]) -> str:
        numbers = []
        for item in evidence:
            for citation in self.items:
                if citation.chunk_id == item.chunk_id and citation.quote == clip(item.quote, 300):
                    numbers.append(citation.n)
                    break
        return "".join(f" [{n}]" for n in dict.fromkeys(numbers))

    def marks_for_kind(self, kind: str, count: int) -> str:
        numbers = [n for n, chunk in self._chunks.items() if chunk.kind == kind][:count]
        return "".join(f" [{n}]" for n in numbers)

    def passage_citations(self, count: int) -> list[Citation]:
        return self.items[:count]

    def numbers(self) -> list[int]:
        return [c.n for c in self.items]

    def numbered_passages(self) -> str:
        lines = []
        for citation in self.items[: self.limit]:
            quote = " ".join(s for s in sentences(citation.quote) if not INJECTION.search(s)) or "(passage withheld)"
            lines.append(f"[{citation.n}] ({citation.system or citation.title}) {quote}")
        return "\n".join(lines)


def _find_chunk(chunk_id: str, retrieval: Retrieval) -> Chunk | None:
    for chunks in retrieval.system_chunks.values():
        for chunk in chunks:
            if chunk.id == chunk_id:
                return chunk
    for passage in retrieval.passages:
        if passage.chunk.id == chunk_id:
            return passage.chunk
    return None


def _best_sentence(text: str, question: str) -> str:
    wanted = set(tokenize(question))
    candidates = [s for s in sentences(text) if not INJECTION.search(s) and not s.startswith("#")] or [text]
    return max(candidates, key=lambda s: (len(wanted & set(tokenize(s))), -abs(len(s) - 160)))


def _system_opening(query: Query, system: SystemAssessment, citations: Citations) -> str:
    name = system.name
    if not system.documents:
        return f"I don't know: I have no documents about {name}."
    verdict = system.question_verdict
    reasons = system.reasons
    marks = citations.marks(reasons[:3])
    conditions = list(dict.fromkeys(e.condition for e in reasons if e.condition))
    if query.intent == "components" and verdict is not None:
        return _component_opening(query, name, verdict, conditions, marks)
    if query.intent == "freedom" and verdict is not None:
        return _freedom_opening(query, system, verdict, marks)
    if verdict == "yes":
        notice = [e.condition for f in query.freedoms for e in system.freedoms[f].evidence if e.clause in NOTICE_CLAUSES]
        extra = f", provided you {_notice_phrase(notice)}" if notice else ""
        return f"Yes: {name}'s terms allow this{extra}.{marks}"
    if verdict == "conditional":
        return f"Yes, but only under conditions: for {name}, {'; '.join(conditions[:4])}.{marks}"
    if verdict == "no":
        return f"No: {name}'s terms do not allow this ({_why_not(reasons)}).{marks}"
    if verdict == "unknown":
        return f"I don't know: the documents I have about {name} do not settle this.{marks}"
    # no permission asked: summarise the freedoms asked about
    asked = query.freedoms or list(FREEDOMS)
    parts = []
    for freedom in asked:
        item = system.freedoms[freedom]
        parts.append(f"{freedom} {VERDICT_WORDS[item.verdict]}{citations.marks(item.evidence[:2])}")
    verdicts = {system.freedoms[f].verdict for f in FREEDOMS}
    prefix = ""
    if query.intent in {"freedom", "conformance"} and set(asked) == set(FREEDOMS):
        prefix = (f"By its terms, {name} grants all four freedoms. " if verdicts == {"granted"}
                  else f"By its terms, {name} does not grant all four freedoms that Open Source AI requires. ")
    return f"{prefix}{name}: " + ", ".join(parts) + "."


NOTICE_CLAUSES = {"attribution", "share_alike"}
NO_REASONS = {
    "non_commercial": "only non-commercial use is allowed",
    "output_ban": "its outputs may not be used to improve other models",
    "geographic": "the rights are not granted to people or companies based in the European Union",
    "hosting": "hosting or serving it for others needs the licensor's permission",
    "prohibited_purpose": "its use restrictions forbid this purpose",
    "naming": "derivatives must follow its naming rule",
    "pass_through": "its use restrictions must be passed on to recipients",
    "attribution": "the license and attribution notices must be kept",
    "share_alike": "derivatives must be shared under the same terms",
    "patent_termination": "the patent license ends when you bring patent litigation",
    "no_added_terms": "no extra terms may be imposed on recipients",
}


def _why_not(reasons: list[Evidence]) -> str:
    if not reasons:
        return "its terms do not allow it"
    first = reasons[0]
    if first.clause == "user_threshold" and first.detail.get("threshold"):
        from assistant.assess.clauses import _human

        return f"above {_human(first.detail['threshold'])} monthly active users a separate license from the licensor is needed"
    return NO_REASONS.get(first.clause, first.condition)


def _component_opening(query: Query, name: str, verdict: str, conditions: list[str], marks: str) -> str:
    from assistant.understand import component_asked

    component = component_asked(query.question) or "weights"
    verb = "are" if component.endswith("s") or component in {"weights", "training data"} else "is"
    if verdict == "yes":
        return f"Yes: {name}'s {component} {verb} released.{marks}"
    if verdict == "conditional":
        return f"Partly: {name}'s {component} {verb} only partly released or gated ({'; '.join(conditions) or 'see below'}).{marks}"
    if verdict == "no":
        why = f" ({conditions[0]})" if conditions else ""
        return f"No: {name}'s {component} {verb} not available as you ask{why}.{marks}"
    return f"I don't know: the documents I have about {name} do not say whether its {component} {verb} released.{marks}"


def _freedom_opening(query: Query, system: SystemAssessment, verdict: str, marks: str) -> str:
    asked = query.freedoms
    label = " and ".join(asked) if len(asked) < 4 else "use, study, modify and share"
    conditions = list(dict.fromkeys(c for f in asked for c in system.freedoms[f].conditions))
    if verdict == "yes":
        return f"Yes: {system.name} grants the freedom to {label}.{marks}"
    if verdict == "conditional":
        return f"Only with restrictions: {system.name} grants the freedom to {label} only under conditions: {'; '.join(conditions[:4])}.{marks}"
    if verdict == "no":
        return f"No: {system.name} does not grant the freedom to {label} ({'; '.join(conditions[:2]) or 'see below'}).{marks}"
    return f"I don't know: the documents I have about {system.name} do not settle the freedom to {label}.{marks}"


def _notice_phrase(conditions: list[str]) -> str:
    phrases = list(dict.fromkeys(conditions))
    return " and ".join(p[0].lower() + p[1:] for p in phrases[:2])


def _comparison(systems: list[SystemAssessment]) -> str:
    rank = {"granted": 3, "restricted": 2, "unknown": 1, "not_granted": 0}
    scores = {s.name: sum(rank[s.freedoms[f].verdict] for f in FREEDOMS) for s in systems if s.documents}
    if len(scores) < 2:
        return ""
    ordered = sorted(scores, key=lambda n: -scores[n])
    if scores[ordered[0]] == scores[ordered[1]]:
        return f"{ordered[0]} and {ordered[1]} are about equally open by the four freedoms."
    return f"{ordered[0]} is more open than {', '.join(ordered[1:])} by the four freedoms."


def _system_dict(system: SystemAssessment, citations: Citations) -> dict:
    freedoms = {}
    for freedom in FREEDOMS:
        item = system.freedoms[freedom]
        numbers = [int(n) for n in re.findall(r"\d+", citations.marks(item.evidence[:4]))]
        freedoms[freedom] = {"verdict": item.verdict, "conditions": item.conditions, "citations": numbers}
    return {"name": system.name, "freedoms": freedoms}


def _quoted_explanation(assessment: Assessment, citations: Citations) -> str:
    """Used when the LLM's text is rejected: the decisive passages, quoted."""
    quotes = []
    for system in assessment.systems:
        for evidence in system.reasons[:2]:
            marks = citations.marks([evidence])
            if marks:
                quotes.append(f"The {_kind_word(evidence, citations)} says: \u201c{clip(evidence.quote, 220)}\u201d{marks}")
    return " ".join(dict.fromkeys(quotes))


def _kind_word(evidence: Evidence, citations: Citations) -> str:
    for n, chunk in citations._chunks.items():
        if chunk.id == evidence.chunk_id:
            return {"license": "license", "policy": "use policy", "card": "model card", "rating": "rating"}.get(chunk.kind, "document")
    return "document"


CONTENT_WORD = re.compile(r"[a-z][a-z-]{3,}")
GROUNDING_STOPWORDS = frozenset("this that with from have were they their there which would could should about these those than then them into also only when what your will been being does under over more most such some other".split())


def grounded(text: str, source: str, threshold: float = 0.8) -> bool:
    """Most content words and every number of the text must appear in the prompt it was given."""
    allowed = {w[:5] for w in CONTENT_WORD.findall(source.lower())} | {w[:4] for w in CONTENT_WORD.findall(source.lower())}
    words = [w[:5] if len(w) > 4 else w for w in CONTENT_WORD.findall(text.lower()) if w not in GROUNDING_STOPWORDS]
    numbers = set(re.findall(r"(?<!\[)\b\d[\d,.]*\b(?!\])", text))
    if any(n.strip(".,") not in source for n in numbers):
        return False
    if not words:
        return False
    known = sum(1 for w in words if w in allowed or w[:4] in allowed)
    return known / len(words) >= threshold


TEMPLATE_ECHO = re.compile(r"^\s*(question|decided verdict|per-freedom verdicts|passages|answer)\s*:", re.I | re.M)


def copied_share(text: str, source: str, size: int = 8) -> float:
    """Share of the text's 8-word runs that stand word for word in the prompt."""
    words = re.findall(r"\w+", text.lower())
    runs = [" ".join(words[i:i + size]) for i in range(max(0, len(words) - size + 1))]
    if not runs:
        return 0.0
    haystack = " ".join(re.findall(r"\w+", source.lower()))
    return sum(run in haystack for run in runs) / len(runs)


def guard(text: str, verdict: str | None, valid: set[int], *, grounding: str | None = None) -> str:
    """The LLM's explanation, or '' when it contradicts the verdict, invents citations or facts, or degenerates."""
    text = (text or "").strip()
    if not text:
        return ""
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    if not cited or cited - valid:
        return ""
    if grounding is not None and not grounded(text, grounding):
        return ""
    if TEMPLATE_ECHO.search(text) or (grounding is not None and copied_share(text, grounding) > 0.6):
        return ""  # the model repeated its prompt instead of explaining
    words = text.split()
    if len(words) < 5 or len(set(words)) < len(words) * 0.4 or INJECTION.search(text):
        return ""
    if verdict in {"no", "unknown"} and AFFIRM.search(text):
        return ""
    if verdict == "yes" and DENY.search(text):
        return ""
    if verdict == "conditional" and re.search(r"fully open|without (any )?restrictions?|no restrictions|not allowed at all", text, re.I):
        return ""
    if len(text) > 900:
        text = text[:900].rsplit(".", 1)[0] + "."
    return text
