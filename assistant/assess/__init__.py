"""Assess stage: every chunk of a system's documents -> verdicts per freedom and per question."""
from __future__ import annotations

from assistant.assess.clauses import LEGAL_KINDS, detect
from assistant.assess.combine import freedom_verdicts, question_verdict
from assistant.assess.components import component_statements
from assistant.assess.sentences import sentences
from assistant.types import Assessment, Evidence, FreedomAssessment, Query, Retrieval, SystemAssessment, FREEDOMS

__all__ = ["Assessor"]


class Assessor:
    """Reads the documents; never consults anything keyed by a system's name."""

    def assess(self, query: Query, retrieval: Retrieval) -> Assessment:
        from assistant.understand import PURPOSES

        results: list[SystemAssessment] = []
        for name in query.systems:
            chunks = retrieval.system_chunks.get(name, [])
            if not chunks:
                results.append(SystemAssessment(name, {f: FreedomAssessment("unknown") for f in FREEDOMS}, 0,
                                                "unknown" if query.asks_permission else None,
                                                notes=[f"I have no documents about {name}."]))
                continue
            evidence: list[Evidence] = []
            prohibited: list[tuple[str, Evidence]] = []
            for chunk in chunks:
                found = detect(chunk)
                evidence.extend(found)
                evidence.extend(component_statements(chunk))
                if chunk.kind in LEGAL_KINDS and any(e.clause == "acceptable_use" for e in found) or chunk.kind == "policy":
                    for sentence in sentences(chunk.text):
                        prohibited.append((sentence, Evidence("prohibited_purpose", ("use",), "restrict",
                                                              "the use policy forbids this purpose", sentence[:320], chunk.id)))
            evidence = _dedupe(evidence)
            freedoms = freedom_verdicts(evidence)
            verdict, reasons = question_verdict(query, freedoms, prohibited, PURPOSES)
            results.append(SystemAssessment(name, freedoms, len({c.metadata.get("source") for c in chunks}), verdict, reasons))
        return Assessment(results, combine_systems(query, results))


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen = set()
    unique = []
    for item in evidence:
        key = (item.clause, item.effect, item.condition, item.quote)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def combine_systems(query: Query, systems: list[SystemAssessment]) -> str | None:
    if not query.asks_permission:
        return None
    if not systems:
        return "unknown"
    verdicts = {s.question_verdict for s in systems}
    if len(verdicts) == 1:
        return verdicts.pop()
    if query.intent == "comparison":
        return None
    # a family asked about as a whole: the answer depends on the version chosen
    return "conditional" if verdicts & {"yes", "conditional"} else ("no" if "no" in verdicts else "unknown")
