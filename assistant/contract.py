"""The `ask --json` contract of DESIGN.md as a checker, for tests and for tools that read it."""
from __future__ import annotations

from typing import Any

QUESTION_VERDICTS = {"yes", "conditional", "no", "unknown", None}
FREEDOM_VERDICTS = {"granted", "restricted", "not_granted", "unknown"}
TOP_KEYS = {"question", "verdict", "answer", "systems", "citations", "backend", "timings_ms"}


def problems(obj: Any) -> list[str]:
    """Every way obj departs from the contract; an empty list means it conforms."""
    found: list[str] = []
    if not isinstance(obj, dict):
        return ["not a JSON object"]
    if set(obj) != TOP_KEYS:
        found.append(f"top-level keys {sorted(obj)} != {sorted(TOP_KEYS)}")
    if not isinstance(obj.get("question"), str):
        found.append("question is not a string")
    if obj.get("verdict") not in QUESTION_VERDICTS:
        found.append(f"verdict {obj.get('verdict')!r} not in {QUESTION_VERDICTS}")
    if not isinstance(obj.get("answer"), str) or not obj.get("answer", "").strip():
        found.append("answer is not a non-empty string")
    numbers = set()
    for citation in obj.get("citations") or []:
        if set(citation) != {"n", "source", "title", "system", "quote"}:
            found.append(f"citation keys {sorted(citation)}")
            continue
        if not isinstance(citation["n"], int):
            found.append("citation n is not an int")
        numbers.add(citation["n"])
        for key in ("source", "title", "system", "quote"):
            if not isinstance(citation[key], str):
                found.append(f"citation {key} is not a string")
    if not isinstance(obj.get("citations"), list):
        found.append("citations is not a list")
    if numbers and numbers != set(range(1, len(numbers) + 1)):
        found.append("citations are not numbered 1..n")
    for system in obj.get("systems") or []:
        if set(system) != {"name", "freedoms"} or not isinstance(system.get("name"), str):
            found.append(f"system entry keys {sorted(system)}")
            continue
        if set(system["freedoms"]) != {"use", "study", "modify", "share"}:
            found.append(f"{system['name']}: freedoms {sorted(system['freedoms'])}")
            continue
        for freedom, item in system["freedoms"].items():
            if set(item) != {"verdict", "conditions", "citations"}:
                found.append(f"{system['name']}.{freedom}: keys {sorted(item)}")
                continue
            if item["verdict"] not in FREEDOM_VERDICTS:
                found.append(f"{system['name']}.{freedom}: verdict {item['verdict']!r}")
            if not all(isinstance(c, str) for c in item["conditions"]):
                found.append(f"{system['name']}.{freedom}: conditions must be strings")
            if not set(item["citations"]) <= numbers:
                found.append(f"{system['name']}.{freedom}: cites numbers that are not in citations")
    if not isinstance(obj.get("systems"), list):
        found.append("systems is not a list")
    import re

    marks = {int(n) for n in re.findall(r"\[(\d+)\]", obj.get("answer") or "")}
    if not marks <= numbers:
        found.append(f"answer cites {sorted(marks - numbers)} which are not in citations")
    backend = obj.get("backend")
    if not isinstance(backend, dict) or not {"llm", "embeddings", "store"} <= set(backend):
        found.append("backend must name llm, embeddings and store")
    timings = obj.get("timings_ms")
    if not isinstance(timings, dict) or not {"retrieve", "generate", "total"} <= set(timings) or \
            not all(isinstance(v, (int, float)) for v in timings.values()):
        found.append("timings_ms must give numeric retrieve, generate and total")
    return found
