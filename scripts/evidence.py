"""Print every clause the assess stage finds for one system in an index (a debugging aid).

usage: python scripts/evidence.py SYSTEM [INDEX_DIR]
"""
import sys

from assistant import Assistant, Settings
from assistant.assess.clauses import detect
from assistant.assess.combine import freedom_verdicts
from assistant.assess.components import component_statements

name = sys.argv[1]
overrides = {"llm_backend": "none", "progress": False}
if len(sys.argv) > 2:
    overrides["index_dir"] = sys.argv[2]
assistant = Assistant(Settings(**overrides))
assistant.warm_up()
chunks = [c for c in assistant.store.all_chunks() if c.system == name]
evidence = []
for chunk in chunks:
    for item in detect(chunk) + component_statements(chunk):
        evidence.append(item)
        print(f"{item.clause:20} {item.effect:12} {','.join(item.freedoms):22} {item.condition[:60]:60} | {chunk.kind:8} | {item.quote[:150]}")
for freedom, verdict in freedom_verdicts(evidence).items():
    print(freedom, verdict.verdict, verdict.conditions)
