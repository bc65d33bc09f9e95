"""The eval runner behind `assistant eval`: score answers against a gold question set.

Reports question-level accuracy (with a Wilson 95% interval), per-freedom accuracy and
confusion matrix, accuracy per type and per system, citation precision, retrieval
recall@k of the gold documents, unknown-precision and latency percentiles; writes
eval/reports/<timestamp>.json, .md and .png.
"""
from __future__ import annotations

import csv
import json
import math
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = PROJECT_ROOT / "eval" / "questions.jsonl"
DEFAULT_REPORTS = PROJECT_ROOT / "eval" / "reports"
CORPUS_REAL = PROJECT_ROOT.parent / "shared" / "corpus-real"
FREEDOM_LABELS = ("granted", "restricted", "not_granted", "unknown")


class EvalError(ValueError):
    """The question set or its documents cannot be used; the message says why."""


def load_questions(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise EvalError(f"question set not found: {path}")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}:{number}: not JSON ({exc.msg})") from None
        if "question" not in item or "verdict" not in item:
            raise EvalError(f"{path}:{number}: needs 'question' and 'verdict'")
        items.append(item)
    return items


def wilson(correct: int, total: int, z: float = 1.96) -> tuple[float, float]:
    if total == 0:
        return (0.0, 0.0)
    p = correct / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))
    return ordered[index]


@dataclass
class GoldDocuments:
    """Maps corpus-real paths to the URLs dossiers cite, so citations can be matched to gold docs."""

    urls: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_manifest(cls, corpus: Path) -> "GoldDocuments":
        manifest = corpus / "MANIFEST.tsv"
        urls: dict[str, list[str]] = {}
        if manifest.is_file():
            with manifest.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    repo, inner = row.get("source_repo", ""), row.get("path_in_repo", "")
                    commit = row.get("commit", "")
                    urls[row["file"]] = [f"{repo}/blob/{commit}/{inner}".lower(), f"{repo}/{commit}/{inner}".lower(),
                                         f"{repo}/raw/{commit}/{inner}".lower()]
        return cls(urls)

    def matches(self, gold: str, chunk_source: str, chunk_sources: str) -> bool:
        source = (chunk_source or "").lower()
        if source.endswith(gold.lower()):
            return True
        haystack = (chunk_sources or "").lower()
        return any(key and (key in haystack or key.replace("/blob/", "/raw/") in haystack) for key in self.urls.get(gold, []))


def evaluate(assistant, questions: list[dict[str, Any]], *, gold_docs: GoldDocuments, progress: bool = True) -> dict[str, Any]:
    rows = []
    iterator = questions
    if progress:
        from tqdm import tqdm

        iterator = tqdm(questions, desc="Evaluating", unit="question", dynamic_ncols=True)
    for item in iterator:
        started = time.perf_counter()
        answer = assistant.ask(item["question"])
        latency = (time.perf_counter() - started) * 1000
        result = answer.to_dict()
        chunks = {c.id: c.metadata for c in answer.retrieved}
        cited = [chunks.get(c.chunk_id) or _chunk_metadata(assistant, c.chunk_id) for c in answer.citations]
        row = score_one(item, result, latency, gold_docs, cited, list(chunks.values()), catalog=assistant.catalog())
        row["explained_by"] = answer.explained_by
        rows.append(row)
    return summarize(rows)


def score_one(item: dict, result: dict, latency: float, gold_docs: GoldDocuments, metas: list[dict], retrieved: list[dict],
              *, catalog: dict | None = None) -> dict:
    from assistant.understand import resolve_name

    def ours(name: str) -> str:
        """The gold set's name for a system ("Llama 1") -> the index's name for it ("LLaMA")."""
        return (resolve_name(name, catalog) if catalog else None) or name

    accepted = [item["verdict"]] + list(item.get("accept") or [])
    expected_systems = {ours(n) for n in item.get("systems") or []}
    freedoms = []
    answered = {s["name"]: s["freedoms"] for s in result["systems"]}
    for system, gold in (item.get("freedoms") or {}).items():
        for freedom, label in gold.items():
            got = answered.get(ours(system), {}).get(freedom, {}).get("verdict", "unknown")
            freedoms.append({"system": system, "freedom": freedom, "gold": label, "got": got})
    cited_ok = [_citation_relevant(meta, item, expected_systems, gold_docs) for meta in metas]
    gold = item.get("gold_docs") or []
    found = [g for g in gold if any(gold_docs.matches(g, m.get("source", ""), m.get("sources", "") + "|" + m.get("source_url", ""))
                                    for m in retrieved + metas)]
    return {
        "id": item.get("id"), "question": item["question"], "type": item.get("type", "?"), "systems": sorted(expected_systems),
        "gold": item["verdict"], "accept": accepted, "got": result["verdict"], "correct": result["verdict"] in accepted,
        "strict": result["verdict"] == item["verdict"], "freedoms": freedoms, "citations": len(metas),
        "citations_relevant": sum(cited_ok), "gold_docs": len(gold), "gold_docs_retrieved": len(found),
        "unknown_system": item.get("type") == "unknown_system", "answered_systems": sorted(answered), "latency_ms": latency,
    }


def _chunk_metadata(assistant, chunk_id: str) -> dict:
    chunk = assistant.chunk(chunk_id)
    return chunk.metadata if chunk else {}


def _citation_relevant(meta: dict, item: dict, expected: set[str], gold_docs: GoldDocuments) -> bool:
    if any(gold_docs.matches(g, meta.get("source", ""), meta.get("sources", "")) for g in item.get("gold_docs") or []):
        return True
    if expected:
        return meta.get("system") in expected
    return meta.get("kind") in {"definition", "framework"}


def summarize(rows: list[dict]) -> dict[str, Any]:
    total = len(rows)
    correct = sum(r["correct"] for r in rows)
    low, high = wilson(correct, total)
    freedom_rows = [f for r in rows for f in r["freedoms"]]
    confusion = {g: {p: 0 for p in FREEDOM_LABELS} for g in FREEDOM_LABELS}
    for f in freedom_rows:
        if f["gold"] in confusion and f["got"] in confusion[f["gold"]]:
            confusion[f["gold"]][f["got"]] += 1

    def grouped(key) -> dict[str, dict[str, float]]:
        groups: dict[str, list[bool]] = defaultdict(list)
        for row in rows:
            for value in (row[key] if isinstance(row[key], list) else [row[key]]) or ["(none)"]:
                groups[value].append(row["correct"])
        return {k: {"n": len(v), "accuracy": sum(v) / len(v)} for k, v in sorted(groups.items())}

    cited = sum(r["citations"] for r in rows)
    golds = sum(r["gold_docs"] for r in rows)
    unknown_rows = [r for r in rows if r["unknown_system"]]
    latencies = [r["latency_ms"] for r in rows]
    return {
        "questions": total,
        "accuracy": correct / total if total else 0.0,
        "accuracy_ci95": [low, high],
        "strict_accuracy": sum(r["strict"] for r in rows) / total if total else 0.0,
        "freedom_accuracy": (sum(f["gold"] == f["got"] for f in freedom_rows) / len(freedom_rows)) if freedom_rows else None,
        "freedom_judgements": len(freedom_rows),
        "freedom_confusion": confusion,
        "by_type": grouped("type"),
        "by_system": grouped("systems"),
        "citation_precision": (sum(r["citations_relevant"] for r in rows) / cited) if cited else None,
        "retrieval_recall_at_k": (sum(r["gold_docs_retrieved"] for r in rows) / golds) if golds else None,
        "unknown_precision": (sum(r["got"] in {"unknown", None} and not r["answered_systems"] for r in unknown_rows) / len(unknown_rows)) if unknown_rows else None,
        "latency_ms": {"p50": statistics.median(latencies) if latencies else 0.0, "p95": percentile(latencies, 0.95)},
        "llm_explanations_kept": (sum(r.get("explained_by") == "llm" for r in rows) / total) if total else None,
        "rows": rows,
    }


def build_split_index(manifest: Path, settings: Settings, corpus: Path, progress: bool) -> Settings:
    """Ingest the raw documents a split's manifest lists into their own index."""
    from assistant import Assistant

    index_dir = settings.index_dir if settings.index_dir != Settings().index_dir else \
        Settings().index_dir.parent / f"eval-{manifest.parent.name}"
    split_settings = settings.model_copy(update={"index_dir": index_dir})
    assistant = Assistant(split_settings)
    with manifest.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r.get("path")]
    for row in rows:
        path = corpus / row["path"]
        if not path.is_file():
            raise EvalError(f"{manifest}: {path} does not exist")
        report = assistant.ingest([path], system=row["system"], kind=row.get("kind") or None, description=f"Indexing {row['system']}")
        if not report.ok:
            raise EvalError(f"cannot ingest {path}: {report.failures}")
    return split_settings


def write_reports(summary: dict, meta: dict, folder: Path) -> tuple[Path, Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = folder / f"{stamp}-{meta['name']}"
    json_path, md_path, png_path = base.with_suffix(".json"), base.with_suffix(".md"), base.with_suffix(".png")
    json_path.write_text(json.dumps({"meta": meta, **summary}, indent=2, ensure_ascii=False))
    md_path.write_text(markdown_report(summary, meta))
    chart(summary, meta, png_path)
    return json_path, md_path, png_path


def _pct(value) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def markdown_report(summary: dict, meta: dict) -> str:
    low, high = summary["accuracy_ci95"]
    lines = [f"# Eval report: {meta['name']}", "",
             f"- set: `{meta['set']}` ({summary['questions']} questions), model: {meta['llm']}, index: `{meta['index']}`",
             f"- date: {meta['date']}", "",
             "| metric | value |", "|---|---|",
             f"| question-level accuracy | {_pct(summary['accuracy'])} (95% CI {_pct(low)}–{_pct(high)}) |",
             f"| strict accuracy (gold verdict only) | {_pct(summary['strict_accuracy'])} |",
             f"| per-freedom accuracy | {_pct(summary['freedom_accuracy'])} over {summary['freedom_judgements']} judgements |",
             f"| citation precision | {_pct(summary['citation_precision'])} |",
             f"| retrieval recall@k of gold documents | {_pct(summary['retrieval_recall_at_k'])} |",
             f"| unknown-precision (systems not indexed) | {_pct(summary['unknown_precision'])} |",
             f"| LLM explanations kept by the guard | {_pct(summary.get('llm_explanations_kept'))} |",
             f"| latency p50 / p95 | {summary['latency_ms']['p50'] / 1000:.2f} s / {summary['latency_ms']['p95'] / 1000:.2f} s |",
             "", "## Per-freedom confusion (rows: gold, columns: answer)", "",
             "| gold \\ answer | " + " | ".join(FREEDOM_LABELS) + " |", "|---" * (len(FREEDOM_LABELS) + 1) + "|"]
    for gold, row in summary["freedom_confusion"].items():
        lines.append(f"| {gold} | " + " | ".join(str(row[p]) for p in FREEDOM_LABELS) + " |")
    lines += ["", "## Accuracy per type", "", "| type | n | accuracy |", "|---|---|---|"]
    lines += [f"| {k} | {v['n']} | {_pct(v['accuracy'])} |" for k, v in summary["by_type"].items()]
    lines += ["", "## Accuracy per system", "", "| system | n | accuracy |", "|---|---|---|"]
    lines += [f"| {k} | {v['n']} | {_pct(v['accuracy'])} |" for k, v in summary["by_system"].items()]
    wrong = [r for r in summary["rows"] if not r["correct"]]
    lines += ["", f"## Wrong answers ({len(wrong)})", "", "| id | question | gold | got |", "|---|---|---|---|"]
    lines += [f"| {r['id']} | {r['question'].replace('|', '/')} | {r['gold']} | {r['got']} |" for r in wrong]
    return "\n".join(lines) + "\n"


def chart(summary: dict, meta: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types = list(summary["by_type"])
    values = [summary["by_type"][t]["accuracy"] * 100 for t in types]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    ax.barh(types, values, color="#4c72b0")
    ax.axvline(summary["accuracy"] * 100, color="#dd8452", linestyle="--", label=f"overall {summary['accuracy'] * 100:.1f}%")
    ax.set_xlim(0, 100)
    ax.set_xlabel("question-level accuracy (%)")
    ax.set_title(f"Openness Assistant eval: {meta['name']} ({summary['questions']} questions)")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def run_from_cli(args, settings: Settings) -> int:
    from assistant import Assistant

    question_set = Path(args.question_set) if args.question_set else DEFAULT_SET
    questions = load_questions(question_set)
    if args.ids:
        wanted = [line.strip() for line in Path(args.ids).read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
        by_id = {q.get("id"): q for q in questions}
        missing = [i for i in wanted if i not in by_id]
        if missing:
            raise EvalError(f"{args.ids}: ids not in the set: {', '.join(missing[:5])}")
        questions = [by_id[i] for i in wanted]
    if args.limit is not None:
        if args.limit < 1:
            raise EvalError("--limit must be at least 1")
        questions = questions[: args.limit]
    if args.min_accuracy is not None and not 0.0 <= args.min_accuracy <= 1.0:
        raise EvalError("--min-accuracy must be between 0 and 1")
    corpus = CORPUS_REAL
    manifest = question_set.parent / "manifest.tsv"
    if manifest.is_file():
        if not corpus.is_dir():
            raise EvalError(f"the split's documents are read from {corpus}, which does not exist")
        settings = build_split_index(manifest, settings, corpus, settings.progress)
    assistant = Assistant(settings)
    assistant.warm_up()
    summary = evaluate(assistant, questions, gold_docs=GoldDocuments.from_manifest(corpus), progress=settings.progress)
    split = question_set.parent.name if manifest.is_file() else question_set.stem
    model = Path(settings.model).stem if settings.llm_backend == "llama-cpp" else settings.llm_backend
    meta = {"name": f"{split}-{model}", "set": _relative(question_set), "llm": assistant._llm.name,
            "index": str(settings.index_dir), "date": time.strftime("%Y-%m-%d %H:%M:%S")}
    paths = write_reports(summary, meta, Path(args.reports) if args.reports else DEFAULT_REPORTS)
    low, high = summary["accuracy_ci95"]
    print(f"question-level accuracy {_pct(summary['accuracy'])} (95% CI {_pct(low)}-{_pct(high)}) on {summary['questions']} questions; "
          f"per-freedom {_pct(summary['freedom_accuracy'])}; citation precision {_pct(summary['citation_precision'])}; "
          f"recall@k {_pct(summary['retrieval_recall_at_k'])}; unknown-precision {_pct(summary['unknown_precision'])}; "
          f"latency p50 {summary['latency_ms']['p50'] / 1000:.2f}s p95 {summary['latency_ms']['p95'] / 1000:.2f}s")
    print("reports: " + ", ".join(str(p) for p in paths))
    if args.min_accuracy is not None and summary["accuracy"] < args.min_accuracy:
        print(f"accuracy {summary['accuracy']:.3f} is below --min-accuracy {args.min_accuracy}", file=sys.stderr)
        return 1
    return 0
