"""Numbers as people and licenses write them: "700 million", "1,000,000,000", "950M", "$1m"."""
from __future__ import annotations

import re

MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6,
               "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "": 1.0}


def parse_number(digits: str, unit: str | None = None) -> float:
    """'1,000' -> 1000.0; '1,5' -> 1.5 (decimal comma); ('700', 'million') -> 7e8; unparseable -> 0.0."""
    digits = digits.rstrip(".,")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
        digits = digits.replace(",", "")
    else:
        digits = digits.replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return 0.0
    return value * MULTIPLIERS.get((unit or "").lower(), 1.0)
