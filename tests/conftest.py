"""Shared fixtures: fake-backed settings, small corpora written on the fly, the real corpus path."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus-real"


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.is_file():
        pytest.fail(f"missing real document {path}: CI must have ../shared beside the checkout")
    return path


@pytest.fixture
def fake_settings(tmp_path):
    from assistant.settings import Settings

    return Settings(index_dir=tmp_path / "index", embeddings="fake", llm_backend="fake", progress=False)


@pytest.fixture
def write_doc(tmp_path):
    """write_doc('foo.md', text) -> path inside a per-test docs folder."""
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)

    def _write(name: str, text: str) -> Path:
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    _write.folder = docs
    return _write


def front_matter(system: str, kind: str, **extra) -> str:
    lines = ["---", f"system: {system}", f"kind: {kind}"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "\n".join(lines + ["---", ""])
