#!/usr/bin/env python3
"""Validate eval question files: JSON per line, unique ids, allowed labels, gold docs exist.

usage: python3 eval/validate.py [--corpus ../shared/corpus-real]
Checks eval/questions.jsonl, the generalization split (held-out documents only) and the
raw-dev split (never a held-out document), with their manifests; prints counts; exits 1 on any error.
"""
import argparse, collections, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {"permission", "freedom", "definition", "component", "comparison", "version",
         "out_of_scope", "unknown_system", "paraphrase", "non_english"}
QVERDICTS = {"yes", "conditional", "no", "unknown", None}
FVERDICTS = {"granted", "restricted", "not_granted", "unknown"}
FREEDOMS = {"use", "study", "modify", "share"}
REQUIRED = ["id", "question", "type", "systems", "verdict", "accept", "freedoms", "gold_docs", "evidence", "split"]
HELD_OUT = {
    "licenses/gemma-terms-of-use.txt", "licenses/gemma-prohibited-use-policy.md",
    "licenses/gemma-terms-appendix-models.md", "licenses/llama-3.3-community-license.txt",
    "licenses/llama-3.3-acceptable-use-policy.md", "licenses/qwen-repo-code-license.txt",
    "licenses/deepseek-code-license-mit.txt", "repo-licenses/deepseek-coder-code-LICENSE.txt",
    "licenses/stablediffusion2-code-license-mit.txt", "licenses/codeml-openrail-m-0.1-faq.md",
    "repo-licenses/chatglm-6b-code-LICENSE.txt", "repo-licenses/grok-1-LICENSE.txt",
    "repo-licenses/starcoder2-repo-LICENSE.txt", "licenses/cc0-1.0.txt", "licenses/cc-by-4.0.txt"}


def check_file(path, split, corpus, seen_ids, errors):
    items = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{os.path.relpath(path, HERE)}:{n}"
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: bad JSON ({e})"); continue
            for k in REQUIRED:
                if k not in d:
                    errors.append(f"{where}: missing field {k}")
            if d.get("id") in seen_ids:
                errors.append(f"{where}: duplicate id {d.get('id')}")
            seen_ids.add(d.get("id"))
            if d.get("split") != split:
                errors.append(f"{where}: split {d.get('split')!r} != {split!r}")
            if d.get("type") not in TYPES:
                errors.append(f"{where}: bad type {d.get('type')!r}")
            if d.get("verdict") not in QVERDICTS:
                errors.append(f"{where}: bad verdict {d.get('verdict')!r}")
            for a in d.get("accept", []):
                if a not in QVERDICTS or a == d.get("verdict"):
                    errors.append(f"{where}: bad accept value {a!r}")
            if not isinstance(d.get("systems"), list):
                errors.append(f"{where}: systems must be a list")
            for sysname, fr in (d.get("freedoms") or {}).items():
                for k, v in fr.items():
                    if k not in FREEDOMS or v not in FVERDICTS:
                        errors.append(f"{where}: bad freedom {sysname}.{k}={v!r}")
            if "osaid" in d and not isinstance(d["osaid"], bool):
                errors.append(f"{where}: osaid must be true/false")
            if "osaid" in d and d.get("verdict") is not None:
                errors.append(f"{where}: osaid questions take verdict null")
            if d.get("type") != "unknown_system" and not d.get("gold_docs"):
                errors.append(f"{where}: no gold_docs")
            for g in d.get("gold_docs", []):
                if not os.path.isfile(os.path.join(corpus, g)):
                    errors.append(f"{where}: gold doc not found: {g}")
                if split == "main" and g in HELD_OUT:
                    errors.append(f"{where}: main split cites held-out doc {g}")
                if split == "generalization" and g not in HELD_OUT:
                    errors.append(f"{where}: generalization split cites non-held-out doc {g}")
                if split == "raw-dev" and g in HELD_OUT:
                    errors.append(f"{where}: raw-dev split cites held-out doc {g}")
            if len(str(d.get("evidence", "")).split()) > 40:
                errors.append(f"{where}: evidence too long")
            items.append(d)
    return items


def summary(name, items):
    print(f"== {name}: {len(items)} items")
    by_type = collections.Counter(d["type"] for d in items)
    by_verdict = collections.Counter(str(d["verdict"]) if d["verdict"] is not None else "null" for d in items)
    by_sys = collections.Counter(s for d in items for s in d["systems"])
    print("  per type:   ", dict(sorted(by_type.items())))
    print("  per verdict:", dict(sorted(by_verdict.items())))
    print(f"  systems ({len(by_sys)}):", dict(sorted(by_sys.items())))
    print("  osaid labels:", dict(collections.Counter(d["osaid"] for d in items if "osaid" in d)))


def read_manifest(path, corpus, errors):
    """system<TAB>kind<TAB>path rows whose files exist."""
    with open(path, encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip()]
    if rows and rows[0] == ["system", "kind", "path"]:
        rows = rows[1:]
    good = []
    for r in rows:
        if len(r) != 3:
            errors.append(f"{os.path.relpath(path, HERE)}: bad row {r}")
        elif not os.path.isfile(os.path.join(corpus, r[2])):
            errors.append(f"{os.path.relpath(path, HERE)}: missing file {r[2]}")
        else:
            good.append(r)
    return good


def check_gold_in_manifest(items, rows, errors):
    listed = {r[2] for r in rows}
    for d in items:
        for g in d["gold_docs"]:
            if g not in listed:
                errors.append(f"{d['id']}: gold doc {g} not in its manifest")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpus-real")))
    args = ap.parse_args()
    errors, seen = [], set()
    main_items = check_file(os.path.join(HERE, "questions.jsonl"), "main", args.corpus, seen, errors)
    gen_items = check_file(os.path.join(HERE, "generalization", "questions.jsonl"), "generalization", args.corpus, seen, errors)
    rows = read_manifest(os.path.join(HERE, "generalization", "manifest.tsv"), args.corpus, errors)
    if {r[2] for r in rows} != HELD_OUT:
        errors.append("generalization manifest: does not list exactly the held-out documents")
    check_gold_in_manifest(gen_items, rows, errors)
    raw_items = check_file(os.path.join(HERE, "raw-dev", "questions.jsonl"), "raw-dev", args.corpus, seen, errors)
    raw_rows = read_manifest(os.path.join(HERE, "raw-dev", "manifest.tsv"), args.corpus, errors)
    for r in raw_rows:
        if r[2] in HELD_OUT:
            errors.append(f"raw-dev manifest: lists held-out doc {r[2]}")
    check_gold_in_manifest(raw_items, raw_rows, errors)
    man_systems = {r[0] for r in rows}
    if len(main_items) < 160: errors.append("main split has fewer than 160 items")
    if len({s for d in main_items for s in d['systems']}) < 25: errors.append("main split covers fewer than 25 systems")
    if len(gen_items) < 40: errors.append("generalization split has fewer than 40 items")
    summary("main", main_items)
    summary("generalization", gen_items)
    summary("raw-dev", raw_items)
    print("  manifest systems:", sorted(man_systems))
    if errors:
        print(f"\n{len(errors)} ERROR(S):"); print("\n".join(errors)); sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
