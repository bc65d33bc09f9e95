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
KIND_PRIORITY = {"license": 0, "policy": 1, "card": 2, "rating": 3}


def _by_authority(evidence: list[Evidence]) -> list[Evidence]:
    """License text first, then policies, cards and ratings: the strongest evidence is cited first."""
    return sorted(evidence, key=lambda e: KIND_PRIORITY.get(e.detail.get("kind", ""), 4))
SCOPE_CLAUSES = {"non_commercial", "revocable", "geographic", "user_threshold"}  # also cap Study


def _conditions(evidence: list[Evidence]) -> list[str]:
    return list(dict.fromkeys(e.condition for e in evidence if e.condition))


def study_verdict(evidence: list[Evidence], has_grant: bool) -> FreedomAssessment:
    status: dict[str, Evidence] = {}
    # the system's own documents speak first; ratings fill gaps
    for item in sorted(evidence, key=lambda e: e.detail.get("rating", False)):
        component = item.detail.get("component")
        if component and component not in status:
            status[component] = item
        elif component and status[component].detail.get("status") != "not_released" and item.detail.get("status") == "not_released" \
                and not item.detail.get("rating") and not status[component].detail.get("rating"):
            status[component] = item  # an explicit "not released" beats a vague mention
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
    clause_evidence = [e for e in evidence if e.clause != "component"]
    component_evidence = [e for e in evidence if e.clause == "component" or e.clause == "weights_closed"]
    has_grant = any(e.effect == "grant" for e in clause_evidence)
    result: dict[str, FreedomAssessment] = {}
    for freedom in FREEDOMS:
        mine = [e for e in clause_evidence if freedom in e.freedoms]
        if freedom == "study":
            assessment = study_verdict(component_evidence, has_grant)
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
    if not query.asks_permission:
        return None, []
    needed = query.freedoms or ["use"]
    facts: Facts = query.facts
    decisive: list[Evidence] = []
    outcome = "yes"
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
        for sentence, item in prohibited_sentences:
            if re.search(purpose_patterns[purpose], sentence, re.I):
                return "no", [item]
    if outcome == "unknown":
        return "unknown", decisive
    if decisive:
        return "conditional", decisive
    supporting = [e for f in needed for e in freedoms[f].evidence][:3]
    return "yes", supporting


def _applies(item: Evidence, facts: Facts, needed: list[str]) -> str:
    """How one piece of evidence bears on this user's question: 'no', 'conditional' or 'ignore'."""
    clause = item.clause
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
        return "no" if facts.in_eu else "conditional"
    if clause in {"naming", "pass_through"}:
        return "conditional" if ("share" in needed or "modify" in needed) else "ignore"
    return "conditional"  # acceptable use, revocable, anything else that restricts
