"""One test per clause type, on real license, policy and card text from ../shared/corpus-real."""

from assistant.assess.clauses import detect
from assistant.assess.combine import freedom_verdicts
from assistant.assess.components import component_statements
from assistant.ingest import document_metadata, make_chunks
from assistant.ingest.loaders import load
from conftest import corpus_file


def evidence_of(relative: str, kind: str):
    path = corpus_file(relative)
    doc = load(path)
    meta = document_metadata(doc, system="X", kind=kind)
    meta["doc_hash"] = "h" * 64
    found = []
    for chunk in make_chunks(doc, meta, chunk_size=900, chunk_overlap=120):
        found += detect(chunk) + component_statements(chunk)
    return found


def clauses(evidence):
    return {e.clause for e in evidence}


def test_permissive_grant_apache():
    evidence = evidence_of("licenses/apache-2.0.txt", "license")
    verdicts = freedom_verdicts(evidence)
    assert {verdicts[f].verdict for f in ("use", "modify", "share")} == {"granted"}
    assert "keep license and attribution notices" in verdicts["share"].conditions
    assert not clauses(evidence) & {"non_commercial", "acceptable_use", "user_threshold", "revocable"}


def test_permissive_grant_mit():
    verdicts = freedom_verdicts(evidence_of("licenses/mit.txt", "license"))
    assert verdicts["use"].verdict == verdicts["share"].verdict == "granted"


def test_non_commercial_scope_cc_by_nc():
    evidence = evidence_of("licenses/cc-by-nc-4.0.txt", "license")
    assert "non_commercial" in clauses(evidence)
    assert freedom_verdicts(evidence)["use"].verdict == "restricted"


def test_non_commercial_in_a_model_card_llama_1():
    assert "non_commercial" in clauses(evidence_of("cards/llama-1-model-card.md", "card"))


def test_user_threshold_llama_2():
    evidence = evidence_of("licenses/llama-2-community-license.txt", "license")
    thresholds = [e for e in evidence if e.clause == "user_threshold"]
    assert thresholds and thresholds[0].detail["threshold"] == 700_000_000
    assert "700 million monthly active users" in thresholds[0].condition
    assert freedom_verdicts(evidence)["use"].verdict == "restricted"


def test_output_ban_and_its_exception_llama_2():
    bans = [e for e in evidence_of("licenses/llama-2-community-license.txt", "license") if e.clause == "output_ban"]
    assert bans and "modify" in bans[0].freedoms
    assert "Llama 2" in bans[0].detail.get("exception", "")


def test_output_ban_lifted_into_a_naming_rule_llama_3_1():
    evidence = evidence_of("licenses/llama-3.1-community-license.txt", "license")
    assert "output_ban" not in clauses(evidence)
    assert "naming" in clauses(evidence)


def test_acceptable_use_policy_and_prohibited_purposes():
    license_evidence = evidence_of("licenses/llama-2-community-license.txt", "license")
    assert "acceptable use policy applies" in {e.condition for e in license_evidence}
    policy = corpus_file("licenses/llama-2-acceptable-use-policy.md").read_text()
    assert "Military" in policy  # the purpose check in assess reads these sentences


def test_geographic_exclusion_llama_3_2_policy():
    geo = [e for e in evidence_of("licenses/llama-3.2-acceptable-use-policy.md", "policy") if e.clause == "geographic"]
    assert geo and "European Union" in geo[0].condition and geo[0].condition.startswith("multimodal")


def test_separate_permission_and_royalties_falcon_license_1_0():
    evidence = evidence_of("licenses/tii-falcon-llm-license-1.0.txt", "license")
    permission = [e for e in evidence if e.clause == "separate_permission" and e.detail.get("scope") == "commercial"]
    assert permission, "commercial use needs TII's permission"
    royalties = [e for e in evidence if e.clause == "royalty"]
    assert royalties
    assert freedom_verdicts(evidence)["use"].verdict == "restricted"


def test_use_based_restrictions_pass_through_bloom_rail():
    evidence = evidence_of("licenses/bigscience-bloom-rail-1.0.txt", "license")
    assert "pass_through" in clauses(evidence)
    assert "acceptable_use" in clauses(evidence)
    verdicts = freedom_verdicts(evidence)
    assert verdicts["share"].verdict == "restricted" and verdicts["modify"].verdict == "restricted"


def test_share_alike_is_a_notice_type_condition():
    chunk_text = "The weights are released under the GNU General Public License v3, so derivatives must be shared under the same license."
    from assistant.types import Chunk

    evidence = detect(Chunk("c1", chunk_text, {"kind": "license", "system": "X"}))
    verdicts = freedom_verdicts(evidence)
    assert verdicts["share"].verdict == "granted"
    assert any("share-alike" in c for c in verdicts["share"].conditions)


def test_revocable_grant_and_hosting_restriction_on_plain_sentences():
    from assistant.types import Chunk

    text = ("The Licensor grants you a revocable license to use the model. "
            "You may not host the model or offer it as a service to third parties without a separate license.")
    evidence = detect(Chunk("c1", text, {"kind": "license", "system": "X"}))
    assert {"revocable", "hosting"} <= clauses(evidence)


def test_components_from_a_real_card_olmo():
    evidence = evidence_of("cards/olmo-readme.md", "card")
    components = {e.detail["component"] for e in evidence if e.clause == "component" and e.effect == "released"}
    assert "weights" in components or "training code" in components


def test_history_sections_do_not_count_as_terms():
    from assistant.types import Chunk

    chunk = Chunk("c1", "It was first released under a license that required permission for commercial use.",
                  {"kind": "card", "system": "X", "heading": "License history"})
    assert detect(chunk) == []


def test_negated_restrictions_are_not_restrictions():
    from assistant.types import Chunk

    chunk = Chunk("c1", "There is no acceptable use policy and no monthly active user threshold.", {"kind": "license", "system": "X"})
    assert not clauses(detect(chunk)) & {"acceptable_use", "user_threshold"}
