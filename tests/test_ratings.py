"""Published ratings as evidence: rating files resolve to indexed systems, and disagreements are said."""
from assistant import Assistant
from assistant.llm import FakeLLM
from conftest import corpus_file, front_matter


def test_rating_file_attaches_to_the_indexed_system(fake_settings, write_doc):
    assistant = Assistant(fake_settings, llm=FakeLLM())
    card = write_doc("llama2.md", front_matter("Llama 2", "card", aliases="[LLaMA 2, Llama-2-7b]") +
                     "## Components released\n- Model parameters (weights): released on request.\n")
    assistant.ingest([card])
    report = assistant.ingest([corpus_file("ratings/opening-up-chatgpt/llama-2-chat.yaml")])
    assert report.ok
    ratings = [c for c in assistant.store.all_chunks() if c.kind == "rating"]
    assert ratings and {c.system for c in ratings} == {"Llama 2"}
    assert "LLaMA2 Chat" in ratings[0].metadata["aliases"]


def test_rating_of_an_unknown_model_keeps_its_own_name(fake_settings):
    assistant = Assistant(fake_settings, llm=FakeLLM())
    assistant.ingest([corpus_file("ratings/eu-osai-index/Baichuan.yaml")])
    assert {c.system for c in assistant.store.all_chunks()} == {"Baichuan"}


def test_answer_says_when_a_rating_disagrees_with_the_system_documents(fake_settings, write_doc):
    assistant = Assistant(fake_settings, llm=FakeLLM())
    assistant.ingest([write_doc("card.md", front_matter("Foo-1", "card") +
                                "## Components released\n- Model parameters (weights): released under Apache-2.0.\n"
                                "- Training code: released under Apache-2.0.\n- Training data: released.\n")])
    assistant.ingest([write_doc("rating.md", front_matter("Foo-1", "rating") +
                                "- The European Open Source AI Index rates the training code of Foo-1 as closed.\n")])
    answer = assistant.ask("does Foo-1 grant the freedom to study?")
    assert "a published rating judges Foo-1's training code as closed" in answer.answer
    assert any("rates the training code of Foo-1 as closed" in c.quote for c in answer.citations)
    # the system's own documents decide; the rating is reported, not obeyed
    assert answer.systems[0]["freedoms"]["study"]["verdict"] == "granted"


def test_systems_command_lists_names_aliases_and_kinds(fake_settings, write_doc, capsys, monkeypatch):
    from assistant import cli

    monkeypatch.setenv("OPENNESS_EMBEDDINGS", "fake")
    monkeypatch.setenv("OPENNESS_LLM_BACKEND", "fake")
    index = str(fake_settings.index_dir)
    Assistant(fake_settings).ingest([write_doc("a.md", front_matter("Foo-1", "license", aliases="[foo1]") + "Use is free.\n"),
                                     write_doc("b.md", front_matter("Foo-1", "card") + "A card.\n")])
    assert cli.main(["systems", "--index", index]) == 0
    assert "Foo-1 (aliases: foo1) [card, license]" in capsys.readouterr().out
