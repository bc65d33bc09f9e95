"""Show how the assistant understood a question and which evidence decided it (a debugging aid).

usage: python scripts/explain.py "QUESTION" [INDEX_DIR]
"""
import sys

from assistant import Assistant, Settings
from assistant.understand import understand

overrides = {"llm_backend": "none", "progress": False}
if len(sys.argv) > 2:
    overrides["index_dir"] = sys.argv[2]
assistant = Assistant(Settings(**overrides))
assistant.warm_up()
query = understand(sys.argv[1], assistant._retriever.catalog)
print(query)
retrieval = assistant._retriever.retrieve(query)
assessment = assistant._assessor.assess(query, retrieval)
for system in assessment.systems:
    print("==", system.name, system.question_verdict, system.notes)
    for e in system.reasons:
        print("  reason:", e.clause, e.effect, e.condition, "|", e.quote[:160])
    for f, a in system.freedoms.items():
        print("  ", f, a.verdict, a.conditions)
print("verdict:", assessment.verdict)
