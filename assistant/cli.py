"""Command line: `ask "QUESTION"` and `assistant ingest | ask | systems | eval | ui | config`.

Imports nothing heavy at module level, so --help is instant; every failure the user can
cause ends with a one-line error and a non-zero exit code, never a traceback.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

EXIT_USAGE = 2
EXAMPLES = """examples:
  ask "can I fine-tune Falcon-40B commercially?"
  ask --json "does Llama 2 grant the freedom to Study?"
  assistant ingest --index ./my-index --system Foo-1 --kind license foo-license.txt
  ask --index ./my-index "can I use Foo-1 commercially?"
"""


def _settings(args: argparse.Namespace):
    from assistant.settings import Settings

    overrides = {}
    if getattr(args, "index", None):
        overrides["index_dir"] = Path(args.index)
    if getattr(args, "model", None):
        overrides["model"] = args.model
    if getattr(args, "llm", None):
        overrides["llm_backend"] = args.llm
    if getattr(args, "quiet", False):
        overrides["progress"] = False
    return Settings(**overrides)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", metavar="DIR", help="index folder (default: the index built from the shipped corpora)")


def _add_ask_options(parser: argparse.ArgumentParser) -> None:
    _add_common(parser)
    parser.add_argument("--json", action="store_true", help="print exactly one JSON object (the contract in DESIGN.md)")
    parser.add_argument("--model", metavar="PATH", help="GGUF file, or 'smollm2' (default) / 'gemma3'")
    parser.add_argument("--llm", choices=["llama-cpp", "openai", "fake", "none"], help="answer-writing backend (default: llama-cpp)")
    parser.add_argument("question", nargs="+", help="the question, e.g. \"can I fine-tune Falcon-40B commercially?\"")


def ask_parser(prog: str = "ask") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES,
        description="Ask whether an AI system is open: verdicts for the four freedoms (use, study, modify, share) with citations.",
    )
    _add_ask_options(parser)
    return parser


def main_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES,
        description="Openness Assistant: offline answers about how open AI systems are, from their documents.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    ask = sub.add_parser("ask", help="answer a question (same as the `ask` command)")
    _add_ask_options(ask)
    ingest = sub.add_parser("ingest", help="add documents (.md .txt .html .pdf .yaml) to an index")
    _add_common(ingest)
    ingest.add_argument("--system", metavar="NAME", help="the AI system these documents are about (overrides front matter)")
    ingest.add_argument("--kind", choices=["license", "policy", "card", "definition", "rating", "framework", "other"],
                        help="document kind (default: from front matter, else guessed)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    systems = sub.add_parser("systems", help="list the systems in an index, with aliases and document kinds")
    _add_common(systems)
    systems.add_argument("--json", action="store_true", help="print JSON")
    ui = sub.add_parser("ui", help="start the Gradio chat on 127.0.0.1")
    _add_common(ui)
    ui.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    evaluate = sub.add_parser("eval", help="score the assistant on a gold question set")
    _add_common(evaluate)
    evaluate.add_argument("--set", dest="question_set", metavar="FILE", help="questions JSONL (default eval/questions.jsonl)")
    evaluate.add_argument("--model", metavar="PATH", help="GGUF file, or 'smollm2' / 'gemma3'")
    evaluate.add_argument("--llm", choices=["llama-cpp", "openai", "fake", "none"], help="answer-writing backend")
    evaluate.add_argument("--ids", metavar="FILE", help="only the questions whose ids this file lists (one per line)")
    evaluate.add_argument("--limit", type=int, metavar="N", help="only the first N questions")
    evaluate.add_argument("--min-accuracy", type=float, metavar="X", help="exit 1 when question-level accuracy is below X (0-1)")
    evaluate.add_argument("--reports", metavar="DIR", help="where reports go (default eval/reports)")
    evaluate.add_argument("--quiet", action="store_true", help="no progress bar")
    sub.add_parser("config", help="list every setting, its env var and description")
    return parser


@contextlib.contextmanager
def _stdout_to_stderr(enabled: bool):
    """Keep stdout clean for --json: anything a library prints goes to stderr instead."""
    if not enabled:
        yield sys.stdout
        return
    sys.stdout.flush()
    saved_fd = os.dup(1)
    saved = sys.stdout
    os.dup2(2, 1)
    real = os.fdopen(os.dup(saved_fd), "w")
    sys.stdout = sys.stderr
    try:
        yield real
    finally:
        sys.stdout.flush()
        os.dup2(saved_fd, 1)
        os.close(saved_fd)
        sys.stdout = saved


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_ask(args: argparse.Namespace) -> int:
    question = " ".join(args.question)
    with _stdout_to_stderr(args.json) as out:
        from assistant import Assistant

        answer = Assistant(_settings(args)).ask(question)
        if args.json:
            out.write(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) + "\n")
            out.flush()
            return 0
    print(format_answer(answer))
    return 0


def format_answer(answer) -> str:
    lines = [answer.answer, ""]
    if answer.citations:
        lines.append("Sources:")
        for c in answer.citations:
            lines.append(f"  [{c.n}] {c.title} ({c.system or 'general'}) {c.source}")
            lines.append(f"      \"{c.quote}\"")
    lines.append(f"\n({answer.timings_ms.get('total', 0) / 1000:.1f}s; {answer.backend.get('llm', '')})")
    return "\n".join(lines)


def run_ingest(args: argparse.Namespace) -> int:
    from assistant import Assistant

    assistant = Assistant(_settings(args))
    report = assistant.ingest([Path(p) for p in args.paths], system=args.system, kind=args.kind)
    for path, reason in report.failures:
        print(f"failed: {path}: {reason}", file=sys.stderr)
    print(f"{report.summary()} (index: {assistant.store.describe()})")
    return 0 if report.ok else 1


def run_systems(args: argparse.Namespace) -> int:
    from assistant import Assistant

    systems = Assistant(_settings(args)).systems()
    if args.json:
        print(json.dumps([s.to_dict() for s in systems], indent=2))
        return 0
    for info in systems:
        aliases = f" (aliases: {', '.join(info.aliases)})" if info.aliases else ""
        print(f"{info.name}{aliases} [{', '.join(info.kinds)}]")
    print(f"{len(systems)} systems", file=sys.stderr)
    return 0


def run_config(args: argparse.Namespace) -> int:
    from assistant.settings import Settings

    settings = Settings()
    for name, description in settings.describe().items():
        print(f"OPENNESS_{name.upper()} = {getattr(settings, name)}\n    {description}")
    return 0


def run_ui(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from app import launch

    launch(_settings(args), port=args.port)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    from assistant.evaluate import run_from_cli

    return run_from_cli(args, _settings(args))


def _dispatch(handler, args) -> int:
    from assistant import QuestionError
    from assistant.llm import LLMError
    from assistant.resources import ModelNotFound
    from assistant.evaluate import EvalError
    from assistant.store import IndexError_

    try:
        return handler(args)
    except (QuestionError, LLMError, ModelNotFound, IndexError_, EvalError, FileNotFoundError) as exc:
        return _fail(str(exc))
    except ValueError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def ask_main(argv: list[str] | None = None) -> int:
    args = ask_parser().parse_args(argv)
    return _dispatch(run_ask, args)


def main(argv: list[str] | None = None) -> int:
    parser = main_parser()
    args = parser.parse_args(argv)
    handlers = {"ask": run_ask, "ingest": run_ingest, "systems": run_systems, "ui": run_ui, "eval": run_eval, "config": run_config}
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    return _dispatch(handlers[args.command], args)


if __name__ == "__main__":
    sys.exit(main())
