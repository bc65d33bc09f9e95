"""Split chunk text into sentences, re-joining hard-wrapped lines of plain-text licenses."""
from __future__ import annotations

import re

LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)]|\(?[a-z]\)|\(?[ivx]{1,4}[.)]|#{1,6})\s+", re.I)
LINK_END = re.compile(r"\]\([^)\s]*\)\s*$")  # a markdown line ending in a link ends its sentence
LIST_MARKER = re.compile(r"^(?:[-*•]|\d{1,2}[.)]|\(?[a-z]\)|\(?[ivx]{1,4}[.)])\s+", re.I)
SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[\"“(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            lines.append("")
            continue
        if lines and lines[-1] and not LIST_ITEM.match(line) and not lines[-1].startswith("#") and not LINK_END.search(lines[-1]):
            lines[-1] = lines[-1] + " " + line
        else:
            lines.append(line)
    result: list[str] = []
    for block in lines:
        block = re.sub(r"\s+", " ", block).strip()
        if not block:
            continue
        marker = LIST_MARKER.match(block)  # "12. To provide ..." stays one list item
        prefix, body = (marker.group(0), block[marker.end():]) if marker else ("", block)
        for index, part in enumerate(SENTENCE_END.split(body)):
            part = ((prefix if index == 0 else "") + part).strip()
            if len(part) > 3:
                result.append(part)
    return result


def clip(sentence: str, limit: int = 320) -> str:
    sentence = sentence.strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
