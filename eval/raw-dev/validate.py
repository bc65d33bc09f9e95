#!/usr/bin/env python3
"""Validate the raw-dev split: python3 eval/raw-dev/validate.py [--corpus DIR]

Checks eval/raw-dev/questions.jsonl and eval/raw-dev/manifest.tsv: every line parses, ids unique
(r0001...), allowed types and labels, gold_docs exist in the corpus and are listed in the raw-dev
manifest, manifest paths exist and are disjoint from eval/generalization/manifest.tsv.
Reads only the generalization *manifest*, never its questions. Prints counts; exits 1 on errors.
"""
import argparse, collections, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.dirname(HERE)
TYPES = {"permission", "freedom", "definition", "component", "comparison", "version",
         "out_of_scope", "unknown_system", "paraphrase", "non_english"}
QVERDICTS = {"yes", "conditional", "no", "unknown", None}
FVERDICTS = {"granted", "restricted", "not_granted", "unknown"}
FREEDOMS = {"use", "study", "modify", "share"}
KINDS = {"license", "policy", "card"}
REQUIRED = ["id", "question", "type", "systems", "verdict", "accept", "freedoms", "gold_docs", "evidence", "split"]


def read_manifest(path):
    with open(path, encoding="utf-8") as fh:
        rows = [l.rstrip("\n").split("\t") for l in fh if l.strip()]
    header = rows[0] if rows else []
    return header, rows[1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.normpath(os.path.join(EVAL, "..", "..", "shared", "corpus-real")))
    args = ap.parse_args()
    errors = []

    header, rows = read_manifest(os.path.join(HERE, "manifest.tsv"))
    if header != ["system", "kind", "path"]:
        errors.append(f"manifest: bad header {header}")
    _, gen_rows = read_manifest(os.path.join(EVAL, "generalization", "manifest.tsv"))
    held_out = {r[2] for r in gen_rows if len(r) == 3}
    listed, man_systems = set(), set()
    for r in rows:
        if len(r) != 3:
            errors.append(f"manifest: bad row {r}"); continue
        s, k, p = r
        if k not in KINDS:
            errors.append(f"manifest: bad kind {k!r} in {r}")
        if not os.path.isfile(os.path.join(args.corpus, p)):
            errors.append(f"manifest: missing file {p}")
        if p in held_out:
            errors.append(f"manifest: held-out generalization doc listed: {p}")
        if p in listed:
            errors.append(f"manifest: duplicate path {p}")
        listed.add(p); man_systems.add(s)

    items, seen = [], set()
    with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"questions.jsonl:{n}"
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: bad JSON ({e})"); continue
            for k in REQUIRED:
                if k not in d:
                    errors.append(f"{where}: missing field {k}")
            i = d.get("id")
            if not isinstance(i, str) or not re.fullmatch(r"r\d{4}", i):
                errors.append(f"{where}: bad id {i!r}")
            if i in seen:
                errors.append(f"{where}: duplicate id {i}")
            seen.add(i)
            if d.get("split") != "raw-dev":
                errors.append(f"{where}: split {d.get('split')!r}")
            if d.get("type") not in TYPES:
                errors.append(f"{where}: bad type {d.get('type')!r}")
            if d.get("verdict") not in QVERDICTS:
                errors.append(f"{where}: bad verdict {d.get('verdict')!r}")
            if not isinstance(d.get("accept"), list):
                errors.append(f"{where}: accept must be a list")
            for a in d.get("accept") or []:
                if a not in QVERDICTS or a == d.get("verdict"):
                    errors.append(f"{where}: bad accept value {a!r}")
            systems = d.get("systems")
            if not isinstance(systems, list):
                errors.append(f"{where}: systems must be a list")
            for sysname, fr in (d.get("freedoms") or {}).items():
                if isinstance(systems, list) and sysname not in systems:
                    errors.append(f"{where}: freedoms for {sysname!r} not in systems")
                for k, v in fr.items():
                    if k not in FREEDOMS or v not in FVERDICTS:
                        errors.append(f"{where}: bad freedom {sysname}.{k}={v!r}")
            if d.get("type") == "unknown_system":
                if d.get("verdict") != "unknown":
                    errors.append(f"{where}: unknown_system must have verdict unknown")
                if any(s in man_systems for s in systems or []):
                    errors.append(f"{where}: unknown_system names a manifest system")
            elif not d.get("gold_docs"):
                errors.append(f"{where}: no gold_docs")
            for g in d.get("gold_docs", []):
                if not os.path.isfile(os.path.join(args.corpus, g)):
                    errors.append(f"{where}: gold doc not found: {g}")
                if g not in listed:
                    errors.append(f"{where}: gold doc not in raw-dev manifest: {g}")
            if len(str(d.get("evidence", "")).split()) > 40:
                errors.append(f"{where}: evidence too long")
            items.append(d)

    lab = lambda v: "null" if v is None else v
    print(f"== raw-dev: {len(items)} items, {len(rows)} manifest rows, {len(man_systems)} manifest systems")
    print("  per type:   ", dict(sorted(collections.Counter(d["type"] for d in items).items())))
    print("  per verdict:", dict(sorted(collections.Counter(lab(d["verdict"]) for d in items).items())))
    print("  per system: ", dict(sorted(collections.Counter(s for d in items for s in d["systems"]).items())))
    if errors:
        print(f"\n{len(errors)} ERROR(S):"); print("\n".join(errors)); sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
