"""Write corpora/ratings/: published openness ratings of the shipped systems, as facts.

Reads the European Open Source AI Index, Opening up ChatGPT and Model Openness Tool files in
../shared/corpus-real, keeps those whose rated model is one of the systems in corpora/systems
(matched by name and aliases, never by a hand-made table), and writes one markdown document
per rating: the rater, the dimension and the class (open / partial / closed) only. The
raters' own notes are left out, so no sentence of theirs is copied.

usage: python scripts/build_rating_dossiers.py [CORPUS_REAL]
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import yaml

from assistant.ingest import document_metadata
from assistant.ingest.loaders import load
from assistant.ingest.ratings import load_rating
from assistant.types import SystemInfo
from assistant.understand import resolve_name

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("ratings/eu-osai-index", "ratings/opening-up-chatgpt", "framework/mof-models")


def shipped_catalog() -> dict[str, SystemInfo]:
    catalog: dict[str, SystemInfo] = {}
    for path in sorted((ROOT / "corpora" / "systems").rglob("*.md")):
        meta = document_metadata(load(path), system=None, kind=None)
        aliases = tuple(a for a in meta["aliases"].split("|") if a)
        old = catalog.get(meta["system"])
        kinds = tuple(sorted(set((old.kinds if old else ()) + (meta["kind"],))))
        catalog[meta["system"]] = SystemInfo(meta["system"], tuple(sorted(set(aliases + (old.aliases if old else ())))),
                                             meta["family"], meta["vendor"], kinds)
    return catalog


def manifest_urls(corpus: Path) -> dict[str, str]:
    urls = {}
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            urls[row["file"]] = f"https://github.com/{row['source_repo']}/blob/{row['commit']}/{row['path_in_repo']}"
    return urls


def main(corpus: Path) -> int:
    catalog = shipped_catalog()
    urls = manifest_urls(corpus)
    out = ROOT / "corpora" / "ratings"
    written = 0
    for source in SOURCES:
        for path in sorted((corpus / source).glob("*.y*ml")):
            doc = load_rating(path, path.read_text(encoding="utf-8"), notes=False)
            if doc.metadata.get("kind") != "rating":
                continue
            names = doc.metadata.get("rated_names", [])
            system = resolve_name(names[0], catalog, within=names[1] if len(names) > 1 else None) if names else None
            if system is None:
                continue
            relative = str(path.relative_to(corpus))
            front = {
                "system": system, "kind": "rating", "title": doc.metadata["title"], "vendor": doc.metadata.get("vendor", ""),
                "aliases": [n for n in doc.metadata.get("rated_names", []) if n != system],
                "license": "CC-BY-4.0", "date": doc.metadata.get("date", ""),
                "sources": [{"url": urls.get(relative, doc.metadata["source_url"]), "date": doc.metadata.get("date", "")},
                            {"url": doc.metadata["source_url"], "date": ""}],
            }
            slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
            target = out / source.split("/")[-1] / f"{slug}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n" + doc.text + "\n",
                              encoding="utf-8")
            written += 1
    print(f"{written} rating documents written under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus-real"))
