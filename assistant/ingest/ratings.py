"""Rating and framework YAML files -> readable rating documents with attribution.

Understands the European Open Source AI Index and Opening up ChatGPT files (dimensions
rated open / partial / closed) and Model Openness Tool model files (components with their
licenses). Any other YAML is kept as its plain text.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assistant.ingest.loaders import LoadedDocument, LoadError

EU_INDEX = ("European Open Source AI Index", "https://osai-index.eu", "CC-BY 4.0")
OPENING_UP = ("Opening up ChatGPT (Liesenfeld, Lopez & Dingemanse 2023)", "https://opening-up-chatgpt.github.io", "CC-BY 4.0")
MOT = ("Model Openness Tool (Model Openness Framework)", "https://mot.isitopen.ai", "CC-BY 4.0")

DIMENSION_NAMES = {
    "opencode": "training code", "trainingcode": "training code", "code": "code documentation",
    "llmdata": "base model training data", "datasources_basemodel": "base model training data",
    "datasources_endmodel": "end model training data", "llmweights": "base model weights",
    "weights_basemodel": "base model weights", "weights_endmodel": "end model weights",
    "rldata": "instruction-tuning (RL) data", "rlweights": "instruction-tuned weights",
    "license": "license", "licenses": "license", "architecture": "architecture",
    "hardware_architecture": "hardware architecture", "preprint": "preprint",
    "paper": "peer-reviewed paper", "modelcard": "model card", "datasheet": "datasheet",
    "package": "package", "api": "API", "metaprompt": "meta prompt",
}


def load_rating(path: Path, raw: str, *, notes: bool = True) -> LoadedDocument:
    """A rating file as a document; notes=False leaves out the raters' own words (facts only)."""
    try:
        data = next((d for d in yaml.safe_load_all(raw) if d), None)
    except yaml.YAMLError as exc:
        raise LoadError(f"invalid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        return LoadedDocument(path, raw, {"kind": "other"}, markdown=False)
    if isinstance(data.get("release"), dict) and "components" in data["release"]:
        return _mot(path, data)
    if isinstance(data.get("system"), dict) and isinstance(data.get("org"), dict):
        return _dimensions(path, data, data["system"], EU_INDEX, name_key="name", notes=notes)
    if isinstance(data.get("project"), dict):
        return _dimensions(path, data, data["project"], OPENING_UP, name_key="name", notes=notes)
    return LoadedDocument(path, raw, {"kind": "other"}, markdown=False)


def _dimensions(path: Path, data: dict, head: dict, source: tuple[str, str, str], *, name_key: str, notes: bool) -> LoadedDocument:
    rater, url, license_name = source
    name = str(head.get(name_key) or path.stem)
    org = (data.get("org") or {}).get("name", "")
    lines = [
        f"# {rater}: openness rating of {name}",
        f"This rating of {name}{' by ' + org if org else ''} comes from the {rater} ({url}), "
        f"published under {license_name}. It rates each dimension as open, partial or closed.",
    ]
    facts = []
    if head.get("endmodelname"):
        facts.append(f"the rated model is {head['endmodelname']}")
    if head.get("endmodellicense") or head.get("license"):
        facts.append(f"its license is given as {head.get('endmodellicense') or head.get('license')}")
    if head.get("basemodelname") or head.get("llmbase"):
        facts.append(f"it builds on {head.get('basemodelname') or head.get('llmbase')}")
    if head.get("releasedate"):
        facts.append(f"it was released in {head['releasedate']}")
    if facts:
        lines.append("In this rating, " + "; ".join(facts) + ".")
    lines.append("\n## Ratings by dimension")
    for key, value in data.items():
        if isinstance(value, dict) and "class" in value:
            label = DIMENSION_NAMES.get(key, key.replace("_", " "))
            remark = " ".join(str(value.get("notes") or "").split()) if notes else ""
            lines.append(f"- The {rater} rates the {label} of {name} as {value.get('class') or 'unrated'}."
                         + (f" Notes: {remark}" if remark else ""))
    # the most specific name of the rated model only: a fine-tune is not its base model
    candidates = [str(head.get("endmodelname") or name)] + ([name] if head.get("endmodelname") else [])
    meta = {"kind": "rating", "system": name, "title": f"{rater}: {name}", "source_url": url,
            "vendor": org, "date": str(head.get("releasedate") or ""), "rated_names": candidates}
    return LoadedDocument(path, "\n".join(lines), meta, markdown=True)


def _mot(path: Path, data: dict) -> LoadedDocument:
    release: dict[str, Any] = data["release"]
    rater, url, license_name = MOT
    name = str(release.get("name") or path.stem)
    lines = [
        f"# {rater}: components of {name}",
        f"The {rater} ({url}, {license_name}) lists the components released for {name}"
        f"{' by ' + str(release.get('producer')) if release.get('producer') else ''} and their licenses.",
        "\n## Components and licenses",
    ]
    for component in release.get("components") or []:
        if not isinstance(component, dict):
            continue
        license_text = str(component.get("license") or "unlicensed")
        status = "listed with no license given" if license_text.lower() in {"unlicensed", "none", ""} else f"released under {license_text}"
        lines.append(f"- {component.get('name')}: {status}.")
    meta = {"kind": "rating", "system": name, "title": f"{rater}: {name}", "source_url": url,
            "vendor": str(release.get("producer") or ""), "date": str(release.get("date") or ""), "rated_names": [name]}
    return LoadedDocument(path, "\n".join(lines), meta, markdown=True)
