"""Combine clause evidence into per-freedom verdicts and a question-level verdict.

Per freedom: a denial wins, then any restriction, then grants (with notice-type conditions);
no evidence means unknown. Per question: the freedoms the question needs are checked against
the facts it states (users, purpose, place, commercial or not) to decide yes / conditional /
no / unknown.
"""
from __future__ import annotations

import re

from assistant.types import FREEDOMS, Evidence, Facts, FreedomAssessment, Query

NOTICE_CLAUSES = {"attribution", "share_alike"}
LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)]|\(?[a-z]\))\s+|^to\s", re.I)
KIND_PRIORITY = {"license": 0, "policy": 1, "card": 2, "rating": 3}


def _by_authority(evidence: list[Evidence]) -> list[Evidence]:
    """License text first, then policies, cards and ratings: the strongest evidence is cited first."""
    return sorted(evidence, key=lambda e: KIND_PRIORITY.get(e.detail.get("kind", ""), 4))
SCOPE_CLAUSES = {"non_commercial", "revocable", "geographic", "user_threshold"}  # also cap Study


INFO_CLAUSES = {"patent_grant", "patent_excluded"}  # facts about the grant, not conditions on it


def _conditions(evidence: list[Evidence]) -> list[str]:
    return list(dict.fromkeys(e.condition for e in evidence if e.condition and e.clause not in INFO_CLAUSES))


def component_status(evidence: list[Evidence]) -> dict[str, Evidence]:
    """The deciding statement per component: the system's own documents first, then ratings."""
    status: dict[str, Evidence] = {}
    # the system's own documents speak first; ratings fill gaps
    for item in sorted(evidence, key=lambda e: e.detail.get("rating", False)):
        component = item.detail.get("component")
        if component and component not in status:
            status[component] = item
        elif component and status[component].detail.get("status") != "not_released" and item.detail.get("status") == "not_released" \
                and not item.detail.get("rating") and not status[component].detail.get("rating"):
            status[component] = item  # an explicit "not released" beats a vague mention
    return status


def rating_disagreements(evidence: list[Evidence]) -> list[tuple[Evidence, Evidence]]:
    """Components whose availability a published rating judges differently from the system's own documents."""
    components = [e for e in evidence if e.clause == "component"]
    own = component_status([e for e in components if not e.detail.get("rating")])
    found, seen = [], set()
    for rated in (e for e in components if e.detail.get("rating")):
        mine = own.get(rated.detail["component"])
        if mine is None or rated.detail["component"] in seen:
            continue
        statuses = {mine.detail["status"], rated.detail["status"]}
        if statuses == {"released", "not_released"}:
            seen.add(rated.detail["component"])
            found.append((mine, rated))
    return found


def study_verdict(evidence: list[Evidence], has_grant: bool) -> FreedomAssessment:
    status = component_status(evidence)
    weights = status.get("weights")
    denied = [e for e in evidence if e.clause == "weights_closed"]
    if denied or (weights and weights.detail["status"] == "not_released"):
        ev = denied or [weights]
        return FreedomAssessment("not_granted", ["weights not released"], ev)
    code = status.get("training code")
    data = status.get("training data") or status.get("data information")
    decisive = [e for e in (weights, code, data) if e is not None]
    if weights is None and not has_grant and not decisive:
        return FreedomAssessment("unknown", [], [])
    missing = []
    for label, item in (("training code", code), ("training data", data)):
        if item is None:
            missing.append(f"{label} not documented as released")
        elif item.detail["status"] == "not_released":
            missing.append(f"{label} not released")
        elif item.detail["status"] == "partial":
            missing.append(f"{label} only partly released")
    if weights is not None and weights.detail["status"] == "partial":
        missing.append("weights gated behind a request or consent form")
    if not missing:
        return FreedomAssessment("granted", [], decisive)
    if weights is None and code is None and data is None:
        return FreedomAssessment("unknown", [], [])
    return FreedomAssessment("restricted", missing, decisive)


def freedom_verdicts(evidence: list[Evidence]) -> dict[str, FreedomAssessment]:
    weights_released = any(e.clause == "component" and e.detail.get("component") == "weights" and e.effect == "released"
                           and not e.detail.get("rating") for e in evidence)
    if weights_released:  # "the base weights are not released" does not undo a release of others
        evidence = [e for e in evidence if e.clause != "weights_closed"]
    clause_evidence = [e for e in evidence if e.clause != "component"]
    component_evidence = [e for e in evidence if e.clause == "component" or e.clause == "weights_closed"]
    has_grant = any(e.effect == "grant" for e in clause_evidence)
    result: dict[str, FreedomAssessment] = {}
    for freedom in FREEDOMS:
        mine = [e for e in clause_evidence if freedom in e.freedoms]
        if freedom == "study":
            assessment = study_verdict(component_evidence, has_grant)
            assessment.extra = component_evidence
            caps = [e for e in mine if e.clause in SCOPE_CLAUSES | {"weights_closed"}]
            if assessment.verdict == "granted" and caps:
                assessment = FreedomAssessment("restricted", _conditions(caps), assessment.evidence + caps)
            result[freedom] = assessment
            continue
        mine = _by_authority(mine)
        denies = [e for e in mine if e.effect == "deny"]
        restricts = [e for e in mine if e.effect == "restrict"]
        grants = [e for e in mine if e.effect == "grant"]
        notices = [e for e in mine if e.effect == "condition"]
        if denies:
            result[freedom] = FreedomAssessment("not_granted", _conditions(denies), denies)
        elif restricts:
            result[freedom] = FreedomAssessment("restricted", _conditions(restricts + notices), restricts + notices)
        elif grants:
            result[freedom] = FreedomAssessment("granted", _conditions(notices), grants[:2] + notices)
        else:
            result[freedom] = FreedomAssessment("unknown", [], [])
    return result


def _purpose_prohibited(purpose_pattern: str, texts: list[str]) -> str | None:
    for sentence in texts:
        if re.search(purpose_pattern, sentence, re.I):
            return sentence
    return None


def question_verdict(query: Query, freedoms: dict[str, FreedomAssessment], prohibited_sentences: list[tuple[str, Evidence]],
                     purpose_patterns: dict[str, str]) -> tuple[str | None, list[Evidence]]:
    """-> (yes | conditional | no | unknown, the evidence that decided it)."""
    if query.intent == "freedom" and query.freedoms:
        return freedom_question_verdict(query, freedoms)
    if query.intent == "components":
        return component_question_verdict(query, freedoms)
    if not query.asks_permission:
        return None, []
    needed = query.freedoms or ["use"]
    facts: Facts = query.facts
    decisive: list[Evidence] = []
    outcome = "yes"
    waived_clauses = set(facts.waives) | ({"share_alike"} if "pass_through" in facts.waives else set())
    everything = [e for a in freedoms.values() for e in a.evidence + a.extra]
    for item in everything:  # skipping a condition the terms set is never allowed
        if item.clause in waived_clauses:
            return "no", [item]
        if item.clause == "naming" and facts.derivative_name and item.detail.get("prefix") \
                and not facts.derivative_name.lower().startswith(item.detail["prefix"].lower()):
            return "no", [item]
        if item.clause == "patent_termination" and facts.litigation:
            return "no", [item]
    if facts.asks_patent:
        for clause, verdict in (("patent_excluded", "no"), ("patent_grant", "yes")):
            found = [e for e in everything if e.clause == clause]
            if found:
                return verdict, found[:1]
        return "unknown", []
    for freedom in needed:
        assessment = freedoms[freedom]
        if assessment.verdict == "not_granted":
            return "no", assessment.evidence
        if assessment.verdict == "unknown":
            outcome = "unknown" if outcome == "yes" else outcome
            continue
        for item in assessment.evidence:
            effect = _applies(item, facts, needed)
            if effect == "no":
                return "no", [item]
            if effect == "conditional":
                decisive.append(item)
    for purpose in facts.purposes:
        document_says = purpose_patterns[purpose][1]
        for sentence, item in prohibited_sentences:
            if re.search(document_says, sentence, re.I):
                return "no", [item]
    topic = question_topic(query)
    if len(topic) >= 2:  # only concrete prohibited-use list items, not prose about restrictions
        for sentence, item in prohibited_sentences:
            if LIST_ITEM.match(sentence) and len(topic & _stems(sentence)) >= 2:
                return "no", [item]
    if outcome == "unknown":
        return "unknown", decisive
    if decisive:
        return "conditional", decisive
    supporting = [e for f in needed for e in freedoms[f].evidence][:3]
    return "yes", supporting


GENERIC_WORDS = frozenset("""principal place located headquartered based country countries region world europe european
use uses using used model models product products service services commercial commercially company
companies business build building deploy deployed app apps application applications fine tune tuned tuning finetune train training
trained allowed allow allows license licence licensed terms term people someone content generate generating create make data output
outputs want need like would should could text image images write help tool tools information purpose purposes version versions
weights open source free internal internally customer customers user users monthly active million billion based within under about
their there where which while whether them they this that these those what when with from into onto your ours mine""".split())


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in GENERIC_WORDS}


def question_topic(query: Query) -> set[str]:
    """What the question wants to do, as word stems, without its system names or generic words."""
    text = query.question.lower()
    for name in query.systems:
        text = text.replace(name.lower(), " ")
    return _stems(text) - {s[:6] for name in query.systems for s in re.findall(r"[a-z]{4,}", name.lower())}


def component_question_verdict(query: Query, freedoms: dict[str, FreedomAssessment]) -> tuple[str, list[Evidence]]:
    """'Is X's training data released?': released -> yes, partly -> conditional, not released -> no."""
    from assistant.understand import component_asked

    asked = component_asked(query.question) or "weights"
    study_evidence = freedoms["study"].evidence + freedoms["study"].extra
    closed = [e for e in study_evidence if e.clause == "weights_closed"]
    if asked == "weights" and closed:
        return "no", closed[:1]
    status = component_status([e for e in study_evidence if e.clause == "component"])
    item = status.get(asked) or (status.get("data information") if asked == "training data" else None)
    if item is None:
        return "unknown", []
    verdict = {"released": "yes", "partial": "conditional", "not_released": "no"}[item.detail["status"]]
    if verdict == "conditional" and "access_request" in query.facts.waives and asked == "weights":
        verdict = "no"  # gated weights cannot be had without the request the user wants to skip
    return verdict, [item]


def freedom_question_verdict(query: Query, freedoms: dict[str, FreedomAssessment]) -> tuple[str, list[Evidence]]:
    """'Does X grant the freedom to ...?': granted -> yes, restricted -> conditional, not granted -> no."""
    asked = [freedoms[f] for f in query.freedoms]
    evidence = [e for a in asked for e in a.evidence][:4]
    verdicts = {a.verdict for a in asked}
    if "not_granted" in verdicts:
        return "no", evidence
    if "unknown" in verdicts:
        return "unknown", evidence
    if "restricted" in verdicts:
        return "conditional", [e for a in asked if a.verdict == "restricted" for e in a.evidence][:4]
    return "yes", evidence


def _applies(item: Evidence, facts: Facts, needed: list[str]) -> str:
    """How one piece of evidence bears on this user's question: 'no', 'conditional' or 'ignore'."""
    clause = item.clause
    if item.effect == "condition" and item.clause in facts.waives:
        return "no"  # e.g. redistributing without the license notice the terms require
    if item.effect in {"grant", "condition", "released"}:
        return "ignore"
    if clause == "component":
        return "ignore"
    if clause == "non_commercial":
        if facts.commercial is True:
            return "no"
        return "ignore" if facts.commercial is False else "conditional"
    if clause == "user_threshold":
        threshold = item.detail.get("threshold")
        if facts.monthly_active_users is not None and threshold and facts.monthly_active_users > threshold:
            return "no"
        return "conditional"
    if clause == "royalty":
        return "conditional" if facts.commercial is not False else "ignore"
    if clause == "separate_permission":
        scope = item.detail.get("scope", "general")
        if scope == "commercial":
            return "no" if facts.commercial is True else ("ignore" if facts.commercial is False else "conditional")
        if scope == "hosting":
            return "no" if facts.hosting else "ignore"
        if scope == "share":
            return "no" if "share" in needed else "ignore"
        return "conditional"
    if clause == "output_ban":
        return "no" if facts.uses_outputs_for_training else "ignore"
    if clause == "hosting":
        return "no" if facts.hosting else "ignore"
    if clause == "geographic":
        multimodal_only = item.condition.startswith("multimodal")
        if multimodal_only and facts.text_only:
            return "ignore"
        if facts.in_eu and not facts.end_user:
            return "no"
        return "conditional"
    if clause in {"naming", "pass_through"}:
        if clause in facts.waives or (clause == "naming" and "naming" in facts.waives):
            return "no"
        return "conditional" if ("share" in needed or "modify" in needed) else "ignore"
    return "conditional"  # acceptable use, revocable, anything else that restricts
