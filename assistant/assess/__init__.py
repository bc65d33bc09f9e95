"""Assess stage: every chunk of a system's documents -> verdicts per freedom and per question."""
from __future__ import annotations

import re

from assistant.assess.clauses import LEGAL_KINDS, detect, name_patterns
from assistant.assess.combine import freedom_verdicts, question_verdict, rating_disagreements
from assistant.assess.components import component_statements
from assistant.assess.sentences import sentences
from assistant.types import Assessment, Evidence, FreedomAssessment, Query, Retrieval, SystemAssessment, FREEDOMS

__all__ = ["Assessor"]


class Assessor:
    """Reads the documents; never consults anything keyed by a system's name.

    The catalog only tells it which names belong to other systems, so that a sentence
    about another model in a system's documents is not read as that system's terms.
    """

    def __init__(self, *, catalog: dict | None = None) -> None:
        self.catalog = catalog or {}

    def _names(self, name: str, asked: str | None = None) -> tuple:
        """Patterns for this system's names, and for names that are not it.

        When the question names a variant ("MPT-7B-Instruct"), sentences about the system's
        other variants ("MPT-7B-Chat") count as being about another system.
        """
        from assistant.store import normalize_name

        info = self.catalog.get(name)
        aliases = list(info.aliases) if info else []
        asked_key = normalize_name(asked or name)
        base_key = normalize_name(name)
        same = [a for a in [name, *aliases] if normalize_name(a) in {asked_key, base_key} or asked_key.startswith(normalize_name(a))]
        variants = [a for a in aliases if a not in same and normalize_name(a).startswith(base_key) and normalize_name(a) != asked_key]
        own = name_patterns([asked or name, *same])
        systems = {other: i for other, i in self.catalog.items() if set(i.kinds) & {"license", "policy", "card"}}
        own_keys = {normalize_name(label) for label in [name, *same]}
        # another system's name that this one's name starts with ("LLaMA" for "Llama 2") says nothing about which is meant
        others = name_patterns([label for other, i in systems.items() if other != name for label in (other, *i.aliases)
                                if not any(key.startswith(normalize_name(label)) for key in own_keys)] + variants)
        return own, others

    def _evidence(self, chunks, own, others, history: bool, own_keys=()):
        return [e for chunk in chunks for e in detect(chunk, others=others, own=own, history=history, own_keys=own_keys)]

    def _own_keys(self, name: str) -> tuple[str, ...]:
        from assistant.store import normalize_name

        info = self.catalog.get(name)
        return tuple(dict.fromkeys(normalize_name(n) for n in (name, *(info.aliases if info else ())) if len(normalize_name(n)) >= 3))

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
            own, others = self._names(name, query.mentions.get(name))
            notes: list[str] = []
            own_keys = self._own_keys(name)
            evidence = self._evidence(chunks, own, others, history=False, own_keys=own_keys)
            if query.facts.historical:
                earlier = self._evidence(chunks, own, others, history=True, own_keys=own_keys)
                if any(e.effect in {"restrict", "deny", "grant"} for e in earlier):
                    evidence = earlier
                    notes.append(f"answered from {name}'s earlier terms, as the question asks")
            has_policy = any(e.clause in {"acceptable_use", "pass_through"} for e in evidence)
            for chunk in chunks:
                evidence.extend(component_statements(chunk, others=others, own=own))
            legal = [c for c in chunks if c.kind == "policy" or (has_policy and c.kind in LEGAL_KINDS)]
            prohibited = [(sentence, Evidence("prohibited_purpose", ("use",), "restrict", "the use restrictions forbid this purpose",
                                              sentence[:320], chunk.id))
                          for chunk, sentence in prohibition_sentences(legal)]
            evidence = _dedupe(evidence)
            freedoms = freedom_verdicts(evidence)
            verdict, reasons = question_verdict(query, freedoms, prohibited, PURPOSES)
            results.append(SystemAssessment(name, freedoms, len({c.metadata.get("source") for c in chunks}), verdict, reasons, notes,
                                            rating_disagreements(evidence)))
        return Assessment(results, combine_systems(query, results))


PROHIBITION = re.compile(r"\b(forbid\w*|prohibit\w*|not (?:be )?(?:use|used|permitted|allowed)|must not|may not|shall not|will not|agree not|"
                         r"restrict\w*|bans?|banned|disallow\w*|no use)\b", re.I)
PROHIBITION_HEADING = re.compile(r"restrict|prohibit|acceptable use|use polic|forbidden|attachment|out[- ]of[- ]scope|misuse", re.I)
NOT_A_PURPOSE = re.compile(r"monthly active users|european union|principal place of business|domiciled|royalt", re.I)
LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)]|\(?[a-z]\))\s+|^to\s", re.I)


def prohibition_sentences(chunks) -> list[tuple]:
    """(chunk, sentence) pairs that say what must not be done.

    List items under a lead such as "You agree not to use the Model:" count too, also when
    the list runs on into the document's next chunk. Sentences that set thresholds or place
    limits are left to their own clause detectors.
    """
    result = []
    lead, source = False, None
    for chunk in chunks:
        if chunk.metadata.get("source") != source:
            lead, source = False, chunk.metadata.get("source")
        heading_says = bool(PROHIBITION_HEADING.search(str(chunk.metadata.get("heading", "")))) or chunk.kind == "policy"
        for sentence in sentences(chunk.text):
            item = bool(LIST_ITEM.match(sentence))
            if (PROHIBITION.search(sentence) or heading_says or (item and lead)) and not NOT_A_PURPOSE.search(sentence):
                result.append((chunk, sentence))
            if not item:
                lead = bool(PROHIBITION.search(sentence)) and sentence.rstrip().endswith(":")
    return result


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
    if not systems and query.unknown_names and query.intent not in {"definition", "out_of_scope"}:
        return "unknown"
    if not query.asks_permission and query.intent not in {"freedom", "components"}:
        return None
    if not systems:
        return "unknown" if query.asks_permission else None
    verdicts = {s.question_verdict for s in systems}
    if len(verdicts) == 1:
        return verdicts.pop()
    if query.intent == "comparison":
        return None
    # a family asked about as a whole: the answer depends on the version chosen
    return "conditional" if verdicts & {"yes", "conditional"} else ("no" if "no" in verdicts else "unknown")
