"""Ingest: every format, metadata, idempotence by content hash, bad files, progress and exit codes."""
import pytest

from assistant import Assistant
from assistant.embeddings import HashingEmbeddingFunction
from assistant.ingest.loaders import LoadError, load
from conftest import corpus_file, front_matter


@pytest.fixture
def embed_calls(monkeypatch):
    calls = []
    original = HashingEmbeddingFunction.__call__

    def counting(self, input):
        calls.append(len(input))
        return original(self, input)

    monkeypatch.setattr(HashingEmbeddingFunction, "__call__", counting)
    return calls


def test_markdown_front_matter_becomes_metadata(write_doc, fake_settings):
    path = write_doc("card.md", front_matter("Foo-1", "card", aliases="[Foo One, foo1]", vendor="Foo Labs",
                                             sources="[{url: 'https://example.org/foo', date: 2024-01-01}]")
                     + "# Foo-1\n\n## Components released\n- Training code: released under Apache-2.0.\n")
    assistant = Assistant(fake_settings)
    report = assistant.ingest([path])
    assert report.ok and report.added == 1
    chunk = assistant.store.all_chunks()[0]
    assert chunk.metadata["system"] == "Foo-1" and chunk.metadata["kind"] == "card"
    assert chunk.metadata["aliases"] == "Foo One|foo1"
    assert chunk.metadata["source_url"] == "https://example.org/foo"
    assert chunk.metadata["heading"].startswith("Foo-1")


def test_every_supported_format_loads(write_doc, tmp_path):
    html = write_doc("page.html", "<html><head><title>T</title><script>x()</script></head><body><h2>Terms</h2><p>Use is free.</p></body></html>")
    assert load(html).text.startswith("## Terms") and "x()" not in load(html).text
    assert "Use is free" in load(write_doc("a.txt", "Use is free.")).text
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure()
    fig.text(0.1, 0.5, "Commercial use is not permitted under this license.")
    pdf = tmp_path / "license.pdf"
    fig.savefig(pdf)
    plt.close(fig)
    assert "Commercial use is not permitted" in load(pdf).text
    rating = load(corpus_file("ratings/opening-up-chatgpt/llama-2-chat.yaml"))
    assert rating.metadata["kind"] == "rating" and "rates the training code of LLaMA2 Chat as closed" in rating.text


def test_reingest_is_idempotent_and_tracks_changes(write_doc, fake_settings, embed_calls):
    write_doc("a.md", front_matter("A", "license") + "Commercial use is permitted.\n")
    b = write_doc("b.md", front_matter("B", "license") + "Commercial use is not permitted.\n")
    assistant = Assistant(fake_settings)
    first = assistant.ingest([write_doc.folder])
    assert (first.added, first.unchanged) == (2, 0)
    calls_after_first = len(embed_calls)

    again = assistant.ingest([write_doc.folder])
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 2)
    assert len(embed_calls) == calls_after_first, "an unchanged file must cost no embedding work"

    b.write_text(front_matter("B", "license") + "Commercial use is permitted for everyone.\n")
    changed = assistant.ingest([write_doc.folder])
    assert (changed.replaced, changed.unchanged) == (1, 1)
    texts = [c.text for c in assistant.store.all_chunks() if c.system == "B"]
    assert texts == ["Commercial use is permitted for everyone."]

    b.unlink()
    removed = assistant.ingest([write_doc.folder])
    assert removed.removed == 1
    assert {c.system for c in assistant.store.all_chunks()} == {"A"}


def test_system_override_changes_the_hash(write_doc, fake_settings):
    path = write_doc("license.txt", "You may use the model for any purpose.")
    assistant = Assistant(fake_settings)
    assistant.ingest([path], system="One")
    report = assistant.ingest([path], system="Two")
    assert report.replaced == 1
    assert {c.system for c in assistant.store.all_chunks()} == {"Two"}


def test_bad_files_are_reported_and_the_run_goes_on(write_doc, fake_settings):
    good = write_doc("good.txt", "Commercial use is permitted.")
    broken = write_doc("broken.md", "---\nsystem: [unclosed\n---\nbody")
    binary = write_doc("weights.txt", "")
    binary.write_bytes(b"\x00\x01\x02" * 100)
    pdf = write_doc("fake.pdf", "not a pdf")
    report = Assistant(fake_settings).ingest([good, broken, binary, pdf, write_doc.folder / "missing.txt"], system="G")
    failed = {path.rsplit("/", 1)[-1] for path, _ in report.failures}
    assert failed == {"broken.md", "weights.txt", "fake.pdf", "missing.txt"}
    assert report.added == 1 and not report.ok


def test_unsupported_suffix_is_a_clear_error(write_doc):
    with pytest.raises(LoadError, match="unsupported file type"):
        load(write_doc("model.bin", "x"))


def test_cli_ingest_exit_code_and_summary(write_doc, fake_settings, monkeypatch, capsys):
    from assistant import cli

    monkeypatch.setenv("OPENNESS_EMBEDDINGS", "fake")
    good = write_doc("good.txt", "Commercial use is permitted.")
    index = str(fake_settings.index_dir)
    assert cli.main(["ingest", "--quiet", "--index", index, "--system", "G", str(good)]) == 0
    assert "1 added" in capsys.readouterr().out
    assert cli.main(["ingest", "--quiet", "--index", index, str(write_doc.folder / "nope.txt")]) == 1
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        cli.main(["ingest", "--index", index, "--kind", "bogus", str(good)])
    assert exited.value.code == 2 and "invalid choice" in capsys.readouterr().err
