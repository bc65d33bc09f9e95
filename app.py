"""Gradio chat UI over the same Assistant the CLI uses: answers with verdicts and citations.

Run `python app.py` or `assistant ui`; it listens on 127.0.0.1 only, with analytics off.
"""
from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported anywhere

from assistant import Assistant, QuestionError, Settings  # noqa: E402

EXAMPLES = [
    "can I fine-tune Falcon-40B commercially?",
    "does Llama 2 grant the freedom to Study?",
    "is OLMo Open Source AI?",
    "can I use Llama 2 in a product with 900 million monthly active users?",
]
VERDICT_BADGES = {"yes": "YES", "conditional": "CONDITIONAL", "no": "NO", "unknown": "UNKNOWN", None: "no permission asked"}


def render(answer) -> str:
    """An Answer as chat markdown: verdict badge, the answer text, then numbered sources."""
    lines = [f"**Verdict: {VERDICT_BADGES.get(answer.verdict, answer.verdict)}**", "", answer.answer]
    if answer.citations:
        lines += ["", "**Sources**"]
        for c in answer.citations:
            quote = c.quote.replace("\n", " ")
            lines.append(f"{c.n}. *{c.title}* ({c.system or 'general'}) — “{quote}” <small>{c.source}</small>")
    return "\n".join(lines)


def build(assistant: Assistant):
    import gradio as gr

    def respond(message: str, history: list) -> str:
        try:
            return render(assistant.ask(message))
        except QuestionError as exc:
            return f"Please ask a question ({exc})."
        except Exception as exc:  # the UI must answer, never show a stack trace
            return f"Sorry, something went wrong: {exc}"

    return gr.ChatInterface(
        fn=respond,
        title="Openness Assistant",
        description="Is this AI system really open? Verdicts for the four freedoms (use, study, modify, share), from the documents, with citations. Runs offline.",
        examples=EXAMPLES,
        cache_examples=False,
        analytics_enabled=False,
    )


def launch(settings: Settings | None = None, *, port: int = 7860, block: bool = True):
    assistant = Assistant(settings or Settings())
    assistant.warm_up()
    demo = build(assistant)
    demo.launch(server_name="127.0.0.1", server_port=port, share=False, prevent_thread_lock=not block, show_error=False)
    return demo


if __name__ == "__main__":
    launch()
