"""LLM backends that turn a prompt into text: local GGUF (llama-cpp), OpenAI-compatible server, fake.

Picked from settings (PrivateGPT style). Each has warm_up() for the heavy loading and
generate(system, user) -> str; the answer stage never knows which one it talks to.
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Protocol

from assistant.settings import Settings


class LLMError(RuntimeError):
    """The model could not produce text; the message says why."""


class LLM(Protocol):
    name: str

    def warm_up(self) -> None: ...

    def generate(self, system: str, user: str) -> str: ...


class LlamaCppLLM:
    """A GGUF file run in-process by llama-cpp-python."""

    def __init__(self, *, model_path: Path, threads: int = 2, context: int = 4096, max_tokens: int = 160,
                 temperature: float = 0.0) -> None:
        if not Path(model_path).is_file():
            raise LLMError(f"model file not found: {model_path}")
        self.model_path = Path(model_path)
        self.threads = threads
        self.context = context
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.name = f"llama-cpp: {self.model_path.name}"
        self._model = None

    def warm_up(self) -> None:
        if self._model is not None:
            return
        from llama_cpp import Llama

        kwargs = {}
        if "gemma" in self.model_path.name.lower():
            kwargs["chat_format"] = "gemma"  # this GGUF ships without a chat template
        try:
            self._model = Llama(model_path=str(self.model_path), n_ctx=self.context, n_threads=self.threads,
                                verbose=False, seed=0, **kwargs)
        except (ValueError, RuntimeError) as exc:
            raise LLMError(f"cannot load {self.model_path.name}: {exc}") from None

    def generate(self, system: str, user: str) -> str:
        self.warm_up()
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        try:
            out = self._model.create_chat_completion(messages=messages, max_tokens=self.max_tokens,
                                                     temperature=self.temperature, repeat_penalty=1.15)
        except ValueError as exc:  # e.g. prompt longer than the context window
            raise LLMError(str(exc)) from None
        return out["choices"][0]["message"]["content"] or ""


class OpenAICompatibleLLM:
    """Any server speaking the OpenAI chat API (vLLM, llama.cpp server, Ollama)."""

    def __init__(self, *, base_url: str, model: str, max_tokens: int = 160, temperature: float = 0.0, timeout: float = 120.0) -> None:
        if not re.match(r"https?://", base_url or ""):
            raise LLMError("llm_url must start with http:// or https://")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.timeout = timeout
        self.name = f"openai-compatible: {self.model} at {self.base_url}"

    def warm_up(self) -> None:
        pass

    def generate(self, system: str, user: str) -> str:
        body = json.dumps({"model": self.model, "temperature": self.temperature, "max_tokens": self.max_tokens,
                           "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}]}).encode()
        request = urllib.request.Request(f"{self.base_url}/chat/completions", data=body,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.load(response)
        except (urllib.error.URLError, TimeoutError, json.JSONDecodeError) as exc:
            raise LLMError(f"LLM server at {self.base_url} failed: {exc}") from None
        try:
            return payload["choices"][0]["message"]["content"] or ""
        except (KeyError, IndexError, TypeError):
            raise LLMError(f"unexpected reply from {self.base_url}: {str(payload)[:200]}") from None


class FakeLLM:
    """Deterministic stand-in for tests: restates the first facts line of the prompt."""

    name = "fake"

    def __init__(self, reply: str | None = None) -> None:
        self.reply = reply
        self.prompts: list[tuple[str, str]] = []

    def warm_up(self) -> None:
        pass

    def generate(self, system: str, user: str) -> str:
        self.prompts.append((system, user))
        if self.reply is not None:
            return self.reply
        cited = re.findall(r"^\[(\d+)\]", user, re.MULTILINE)
        return f"The passages above settle this{' [' + cited[0] + ']' if cited else ''}."


class NoLLM:
    """Template text only: the answer stage writes the explanation itself."""

    name = "none (template answers)"

    def warm_up(self) -> None:
        pass

    def generate(self, system: str, user: str) -> str:
        return ""


def build_llm(settings: Settings) -> LLM:
    if settings.llm_backend == "fake":
        return FakeLLM()
    if settings.llm_backend == "none":
        return NoLLM()
    if settings.llm_backend == "openai":
        if not settings.llm_url:
            raise LLMError("llm_backend 'openai' needs llm_url (OPENNESS_LLM_URL), e.g. http://127.0.0.1:8080/v1")
        return OpenAICompatibleLLM(base_url=settings.llm_url, model=settings.model,
                                   max_tokens=settings.max_answer_tokens, temperature=settings.temperature)
    from assistant.resources import ModelNotFound, resolve_gguf

    try:
        path = resolve_gguf(settings.model)
    except ModelNotFound as exc:
        raise LLMError(str(exc)) from None
    return LlamaCppLLM(model_path=path, threads=settings.llm_threads, context=settings.llm_context,
                       max_tokens=settings.max_answer_tokens, temperature=settings.temperature)
