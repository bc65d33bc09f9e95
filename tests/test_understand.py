"""Understanding questions: names and aliases, families, typos, actions, facts, language."""
import pytest

from assistant.types import SystemInfo
from assistant.understand import detect_language, extract_facts, understand

CATALOG = {
    "Llama 2": SystemInfo("Llama 2", ("LLaMA 2", "Llama-2-7b", "llama2"), "Llama", "Meta", ("license", "card")),
    "Llama 3": SystemInfo("Llama 3", ("Meta Llama 3",), "Llama", "Meta", ("license",)),
    "Llama 3.1": SystemInfo("Llama 3.1", (), "Llama", "Meta", ("license",)),
    "Falcon-40B": SystemInfo("Falcon-40B", ("Falcon 40B", "falcon40b"), "Falcon", "TII", ("license",)),
    "Falcon-7B": SystemInfo("Falcon-7B", (), "Falcon", "TII", ("license",)),
    "OLMo": SystemInfo("OLMo", ("OLMo 7B",), "", "AI2", ("card",)),
    "Mistral 7B": SystemInfo("Mistral 7B", (), "Mistral", "Mistral AI", ("license",)),
    "OSAID 1.0": SystemInfo("OSAID 1.0", ("Open Source AI Definition",), "OSAID", "OSI", ("definition",)),
}


@pytest.mark.parametrize("question, expected", [
    ("can I use Llama-2-7b commercially?", ["Llama 2"]),
    ("can I use LLaMA 2 commercially?", ["Llama 2"]),
    ("can I use llama2 in my app?", ["Llama 2"]),
    ("Can I fine-tune llama 2 chat?", ["Llama 2"]),
    ("can I fine-tune Falcon-40B commercially?", ["Falcon-40B"]),
    ("can I fine-tune falcon 40b commercially?", ["Falcon-40B"]),
    ("is Llama 3.1 open?", ["Llama 3.1"]),
    ("is Llama 3 open?", ["Llama 3"]),
    ("which is more open, OLMo or Llama 3?", ["OLMo", "Llama 3"]),
    ("can i ship a product on mistral 7b", ["Mistral 7B"]),
])
def test_system_names_resolve_through_aliases_spacing_and_versions(question, expected):
    assert understand(question, CATALOG).systems == expected


def test_family_name_answers_per_version_and_says_so():
    query = understand("can I use Falcon commercially?", CATALOG)
    assert sorted(query.systems) == ["Falcon-40B", "Falcon-7B"]
    assert any("family" in note for note in query.notes)


def test_typo_falls_back_to_close_name():
    query = understand("can I fine-tune lamma2 commercially?", CATALOG)
    assert query.systems == ["Llama 2"]


def test_unknown_system_is_reported_not_guessed():
    query = understand("can I use Zorblax-9B commercially?", CATALOG)
    assert query.systems == []
    assert query.unknown_names == ["Zorblax-9B"]


@pytest.mark.parametrize("question, freedoms", [
    ("can I fine-tune Llama 2?", ["modify"]),
    ("can I distill OLMo into a smaller model?", ["modify"]),
    ("can I redistribute Mistral 7B weights?", ["share"]),
    ("can I host Llama 2 for others?", ["share"]),
    ("can I deploy Llama 2 in production?", ["use"]),
    ("can I inspect the training data of OLMo?", ["study"]),
    ("can I fine-tune Falcon-40B commercially?", ["use", "modify"]),
])
def test_actions_map_to_freedoms(question, freedoms):
    assert understand(question, CATALOG).freedoms == freedoms


def test_freedom_question_names_the_freedom():
    query = understand("does Llama 2 grant the freedom to Study?", CATALOG)
    assert query.intent == "freedom" and query.freedoms == ["study"] and not query.asks_permission


def test_open_source_ai_question_is_about_all_four_freedoms():
    query = understand("is OLMo Open Source AI?", CATALOG)
    assert query.intent == "conformance" and query.freedoms == ["use", "study", "modify", "share"]


def test_definition_and_out_of_scope_intents():
    assert understand("what does OSAID 1.0 require for data?", CATALOG).intent == "definition"
    assert understand("is it ethical to release model weights?", CATALOG).intent == "out_of_scope"


def test_facts_that_decide_conditions():
    facts = extract_facts("can I use it with 200 million monthly active users at a company based in the EU for military purposes?")
    assert facts.monthly_active_users == 200_000_000
    assert facts.in_eu and facts.purposes == ["military"] and facts.commercial is True
    assert extract_facts("for non-commercial research").commercial is False
    assert extract_facts("with 1,000,000,000 users").monthly_active_users == 1_000_000_000
    assert extract_facts("can I train my own model on its outputs?").uses_outputs_for_training


def test_non_english_questions_are_detected_and_understood():
    assert detect_language("Kann ich Llama 2 kommerziell nutzen?") == "de"
    assert detect_language("Puis-je utiliser Llama 2 commercialement ?") == "fr"
    assert detect_language("¿Puedo usar Llama 2 comercialmente?") == "es"
    assert detect_language("can I use Llama 2 commercially?") == "en"
    german = understand("Kann ich Llama 2 kommerziell nutzen?", CATALOG)
    assert german.systems == ["Llama 2"] and german.facts.commercial and german.asks_permission
    assert "answered in English" in german.notes
    assert understand("我可以商业使用 Llama 2 吗？", CATALOG).language == "other"
