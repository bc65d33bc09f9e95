"""Integration: the real MiniLM, a real Chroma folder and the real SmolLM2, end to end.

Includes the offline test (every socket blocked while the whole ask path runs) and the
README's main command on the default index built from the shipped corpora.
"""
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.contract import problems

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FOO_LICENSE = """FOO-1 MODEL LICENSE

1. Grant. Foo Labs grants you a worldwide, royalty-free license to use, copy, modify and distribute the Foo-1 weights.
2. Restrictions. You may use Foo-1 for non-commercial research purposes only. Commercial use is prohibited.
"""


def run(*args, env_extra=None, timeout=600):
    env = {**os.environ, "OPENNESS_PROGRESS": "false", **(env_extra or {})}
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env, timeout=timeout)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access blocked by the offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_whole_ask_path_runs_with_every_socket_blocked(tmp_path, no_network):
    from assistant import Assistant, Settings

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "foo-license.txt").write_text(FOO_LICENSE)
    assistant = Assistant(Settings(index_dir=tmp_path / "index", progress=False))
    assert assistant.ingest([docs], system="Foo-1").ok
    answer = assistant.ask("can I use Foo-1 commercially?")
    assert answer.verdict == "no"
    assert "SmolLM2" in answer.backend["llm"] and "MiniLM" in answer.backend["embeddings"]
    assert not problems(answer.to_dict())
    assert no_network == []


def test_cli_ingest_then_ask_answers_from_that_file(tmp_path):
    license_file = tmp_path / "foo-license.txt"
    license_file.write_text(FOO_LICENSE)
    index = tmp_path / "x"
    ingest = run(BIN / "assistant", "ingest", "--index", index, "--system", "Foo-1", license_file)
    assert ingest.returncode == 0, ingest.stderr
    asked = run(BIN / "ask", "--index", index, "--json", "can I use Foo-1 commercially?")
    assert asked.returncode == 0, asked.stderr
    payload = json.loads(asked.stdout)  # stdout holds exactly one JSON object
    assert payload["verdict"] == "no" and problems(payload) == []
    assert any("non-commercial" in c["quote"] for c in payload["citations"])
    # a fresh process reopens the collection with its registered embedding function
    again = run(BIN / "ask", "--index", index, "--json", "can I fine-tune Foo-1 for academic research?")
    assert json.loads(again.stdout)["verdict"] == "yes"


def test_readme_main_command_on_the_default_index(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    result = run(BIN / "ask", "--json", "can I fine-tune Falcon-40B commercially?", env_extra=env, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    payload = json.loads(result.stdout)
    assert problems(payload) == []
    assert payload["verdict"] == "yes"
    assert payload["systems"][0]["name"] == "Falcon-40B"
    assert payload["systems"][0]["freedoms"]["modify"]["verdict"] == "granted"
    llama = json.loads(run(BIN / "ask", "--json", "does Llama 2 grant the freedom to Study?", env_extra=env).stdout)
    assert llama["systems"][0]["freedoms"]["study"]["verdict"] == "restricted"


def test_errors_are_one_line_not_tracebacks(tmp_path):
    empty = run(BIN / "ask", "--index", tmp_path / "i", "   ")
    assert empty.returncode == 2 and "error: the question is empty" in empty.stderr and "Traceback" not in empty.stderr
    model = run(BIN / "ask", "--index", tmp_path / "i", "--model", tmp_path / "missing.gguf", "can I use Foo-1?")
    assert model.returncode == 2 and "model file not found" in model.stderr and "Traceback" not in model.stderr


def test_help_is_instant_and_documents_the_commands():
    result = run(BIN / "assistant", "--help", timeout=30)
    assert result.returncode == 0
    for command in ("ingest", "ask", "systems", "eval", "ui"):
        assert command in result.stdout
    assert "torch" not in run(sys.executable, "-c", "import sys, assistant.cli; assistant.cli.main_parser(); print(sorted(sys.modules))").stdout
