"""Browser test: the Gradio chat in headless Chromium answers with a verdict and its sources."""
import os
import shutil
import socket

import pytest

from assistant import Assistant
from assistant.llm import FakeLLM

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FOO_LICENSE = ("FOO-1 MODEL LICENSE\n\n1. Foo Labs grants you a worldwide, royalty-free license to use, copy, modify and "
               "distribute the Foo-1 weights.\n2. You may use Foo-1 for non-commercial research purposes only.\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chat_url(fake_settings, write_doc):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium for the browser tests")
        pytest.skip("chromium is not installed")
    import app

    assistant = Assistant(fake_settings, llm=FakeLLM())
    assistant.ingest([write_doc("foo-license.txt", FOO_LICENSE)], system="Foo-1")
    port = free_port()
    demo = app.build(assistant)
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, show_error=False)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def ask_until_answered(page, question: str, expected: str, attempts: int = 3) -> None:
    """Type the question and wait for the answer; on a loaded machine the page may still be
    wiring up its handlers when the first Enter arrives, so a lost submit is retried."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.get_by_role("textbox").first
    box.wait_for(state="visible", timeout=120_000)
    for attempt in range(attempts):
        box.fill(question)
        box.press("Enter")
        try:
            page.get_by_text(expected).first.wait_for(timeout=60_000)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise


def test_chat_answers_with_verdict_and_sources(chat_url, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        try:
            page = browser.new_page()
            page.goto(chat_url, wait_until="load", timeout=120_000)
            ask_until_answered(page, "can I use Foo-1 commercially?", "Verdict: NO")
            text = page.inner_text("body")
            assert "non-commercial research purposes only" in text
            assert "Sources" in text
            page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
            assert (tmp_path / "chat.png").stat().st_size > 10_000
        finally:
            browser.close()
