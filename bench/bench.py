"""Benchmarks, reported as ratios against a baseline measured in the same run (the machine is shared).

1. ingest: re-ingesting the unchanged corpora vs the first build (idempotence should make it far cheaper);
2. ask: a warm ask in a running Assistant vs the first ask of a fresh one (model loading);
3. where a warm ask spends its time: retrieve + assess vs the LLM's text.

usage: .venv/bin/python bench/bench.py [--questions N] [--out bench/results.json]
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

QUESTIONS = [
    "can I fine-tune Falcon-40B commercially?",
    "does Llama 2 grant the freedom to Study?",
    "can I use Llama 2 in a product with 900 million monthly active users?",
    "is OLMo Open Source AI?",
    "which is more open, OLMo or Llama 3?",
    "what does OSAID 1.0 require for data?",
]


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=len(QUESTIONS))
    parser.add_argument("--out", default=str(Path(__file__).with_name("results.json")))
    args = parser.parse_args()
    from assistant import Assistant, Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp) / "index", progress=False)
        builder = Assistant(settings)
        first, report = timed(lambda: builder.ingest([settings.corpora_dir]))
        again, _ = timed(lambda: builder.ingest([settings.corpora_dir]))

        fresh = Assistant(settings)
        questions = QUESTIONS[: args.questions]
        cold, _ = timed(lambda: fresh.ask(questions[0]))
        warm_runs = [timed(lambda q=q: fresh.ask(q)) for q in questions]
        warm = statistics.median(t for t, _ in warm_runs)
        pipeline = statistics.median((a.timings_ms["retrieve"] + a.timings_ms["assess"]) / 1000 for _, a in warm_runs)
        generate = statistics.median(a.timings_ms["generate"] / 1000 for _, a in warm_runs)

    results = {
        "ingest_first_s": round(first, 2), "ingest_unchanged_s": round(again, 3), "chunks": report.chunks,
        "ingest_unchanged_vs_first": round(again / first, 4),
        "ask_cold_s": round(cold, 2), "ask_warm_median_s": round(warm, 2), "ask_warm_vs_cold": round(warm / cold, 3),
        "retrieve_assess_s": round(pipeline, 3), "generate_s": round(generate, 3),
        "retrieve_assess_share_of_warm_ask": round(pipeline / warm, 3),
    }
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
