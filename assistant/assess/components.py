"""Component availability for the freedom to Study: which parts were released, from the text.

Reads statements such as "Training code: released under Apache-2.0", "the training data
was not released" or a rating's "rates the training code of X as closed", sorted by the
OSI checklist component they are about.
"""
from __future__ import annotations

import re

from assistant.assess.sentences import clip, sentences
from assistant.types import Chunk, Evidence

COMPONENTS = {
    "weights": re.compile(r"\b(?:model )?(?:weights|parameters|checkpoints)\b|\bend model\b|\bbase model weights\b|\bllmweights\b|"
                         r"\b(?:use|download|access) the model\b", re.I),
    "training code": re.compile(r"\btraining(?:,? validation and testing)? code\b|\btraining (?:scripts?|pipeline|recipes?|framework|readme|configs?)\b|"
                               r"\bcode (?:used )?(?:for|to) train\b|\bopencode\b|\bsource code\b|\bfine-?tuning (?:code|scripts?)\b|"
                               r"\bscripts/train|\bconfig files used to train\b|\b(?:reproduc|replicat)\w* (?:any of )?(?:the )?training\b", re.I),
    "inference code": re.compile(r"\binference code\b|\bcode (?:to|for) run\b|\binference (?:scripts|library)\b", re.I),
    "training data": re.compile(r"\btraining data(?:sets?)?\b|\bpre-?training (?:data|corpus|dataset)\b|\bdatasets?\b|\bdata ?sources\b|\btraining corpus\b|\bllmdata\b", re.I),
    "tokenizer": re.compile(r"\btokeni[sz]er\b", re.I),
    "data information": re.compile(r"\bdata ?cards?\b|\bdatasheets?\b|\bdata information\b|\bdata documentation\b", re.I),
}
NOT_RELEASED = re.compile(r"\b(?:not|never|no)\b[^.;]{0,40}\b(?:released|available|published|disclosed|provided|shared|public|open[- ]sourced|documented)\b|"
                          r"\b(?:unreleased|undisclosed|withheld|proprietary|closed|nowhere)\b|\bnot released\b", re.I)
PUBLIC_SOURCES = re.compile(r"\bpublicly available (?:[\w-]+ ){0,2}(?:sources|data|datasets|online|web|text|information)|\bfrom public(?:ly available)? (?:sources|data)|"
                            r"\bpublic (?:web )?(?:data|sources)\b|\bopenly available (?:sources|data)", re.I)
LICENSE_TEXT_COMPONENTS = {"weights", "training data"}  # a license's own words about "source code" or "datasets" are definitions, not releases
EXPLICIT_IN_LICENSE = re.compile(r"\bweights\b|\bcheckpoints?\b|\bparameters\b|\btraining data(?:sets?)?\b|\bpre-?training (?:data|corpus)", re.I)
PARTIAL = re.compile(r"\benhanced with\b|\bcurated corpora\b|\bin-house\b|\bproprietary (?:data|sources)\b|\baccept(?:ing)? (?:the |a |our )?(?:license|licence|agreement|terms|conditions)\b|\bgated\b|\bpartial(?:ly)?\b|\bpartly\b|\bin part\b|\b(?:a )?subset\b|\bextract\b|\bsample\b|\bbehind (?:a )?(?:consent|request|access|gat)|\bgated\b|\b(?:up)?on request\b|\bby request\b|\brequest (?:form|access)\b|\bafter (?:a |an )?(?:request|application|approval)\b|\baccess request\b|\bin outline\b", re.I)
RELEASED = re.compile(r"\]\(https?://(?:github\.com|huggingface\.co|hf\.co)|https?://(?:github\.com|huggingface\.co)/|\bgithub link\b|"
                      r"\bcan be found\b|\bcheck out\b|\bmade available\b|\bwe (?:make|made|upload|uploaded)\b|\brun this\b|"
                      r"\bcan (?:find|download|access|get|use)\b|\bhosted on\b|\bon hugging ?face\b|\b(?:released|available|published|open[- ]sourced|provided|downloadable|shared|open)\b|\breleased under\b|\bunder (?:the )?[A-Z][\w.-]+", re.I)
RATING = re.compile(r"\brates the (.+?) of .+? as (open|partial|closed)\b", re.I)
RATING_HEADING = re.compile(r"\bratings?\b|\bindex\b|\bassessments?\b", re.I)
RATED_SENTENCE = re.compile(r"\b(?:rates|rated|rating|scores|scored|grades)\b", re.I)
ALL_RELEASED = re.compile(r"\ball (?:the )?models?,? (?:the )?data,? and (?:the )?code\b[^;]{0,60}\b(?:released|available|public)", re.I)
MODEL_AVAILABLE = re.compile(r"^(?:it|the model|this model)\b[^;]{0,30}\b(?:is|are|was|were) (?:made )?(?:available|released|open-sourced|published)\b", re.I)
CLAUSE_SPLIT = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|, and (?=the )", re.I)


def component_statements(chunk: Chunk, *, others=(), own=()) -> list[Evidence]:
    """(component, status) statements in one chunk, as Study evidence."""
    from assistant.assess.clauses import own_part

    if chunk.kind not in {"card", "license", "rating", "other"}:
        return []
    if chunk.kind != "rating" and RATING_HEADING.search(str(chunk.metadata.get("heading", ""))):
        return []  # a card's summary of ratings: the rating documents themselves speak for them
    found: list[Evidence] = []
    for sentence in sentences(chunk.text):
        if chunk.kind != "rating" and RATED_SENTENCE.search(sentence):
            continue
        sentence = own_part(sentence, others, own)
        if sentence is None:
            continue
        rated = RATING.search(sentence)
        if rated:
            status = {"open": "released", "partial": "partial", "closed": "not_released"}[rated.group(2).lower()]
            for name, pattern in COMPONENTS.items():
                if pattern.search(rated.group(1)):
                    found.append(_evidence(name, status, sentence, chunk))
                    break
            continue
        if ALL_RELEASED.search(sentence):
            found += [_evidence(name, "released", sentence, chunk) for name in ("weights", "training data", "training code")]
            continue
        for clause in CLAUSE_SPLIT.split(sentence):
            named = [name for name, pattern in COMPONENTS.items() if pattern.search(clause)]
            if not named and chunk.kind == "card" and (MODEL_AVAILABLE.search(clause.strip(" *")) or
                                                       any(p.search(clause) for p in own) and re.search(r"\bmade available\b|\bis available\b", clause)):
                named = ["weights"]  # "It is made available under the X License": the model itself
            if chunk.kind == "license":
                named = [n for n in named if n in LICENSE_TEXT_COMPONENTS] if EXPLICIT_IN_LICENSE.search(clause) else []
            if not named or len(clause) > 400 or PUBLIC_SOURCES.search(clause):
                continue
            if NOT_RELEASED.search(clause):
                status = "not_released"
            elif PARTIAL.search(clause):
                status = "partial"
            elif RELEASED.search(clause):
                status = "released"
            else:
                continue
            for name in named:
                found.append(_evidence(name, status, sentence, chunk))
    return found


def _evidence(component: str, status: str, sentence: str, chunk: Chunk) -> Evidence:
    rated = chunk.kind == "rating"  # a third party's judgement, not the system's own documents
    effect = "released" if status in {"released", "partial"} else "not_released"
    words = {"released": "released", "partial": "partly released (gated or incomplete)", "not_released": "not released"}[status]
    return Evidence("component", ("study",), effect, f"{component} {words}", clip(sentence), chunk.id,
                    {"component": component, "status": status, "rating": rated, "kind": chunk.kind})
