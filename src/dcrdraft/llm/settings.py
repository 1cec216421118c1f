"""LLM settings: where the endpoint is, which model, and how patiently to call it.

Resolution order is flags, then environment (``OPENAI_API_KEY``, ``OPENAI_BASE_URL``,
``DCRDRAFT_MODEL``), then the config file's ``[llm]`` table, then defaults. The API key only
ever comes from the environment and is held as a ``SecretStr`` so it cannot leak into a
report, a cache key or a log line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from dcrdraft.errors import ConfigError

StructuredMethod = Literal["json_schema", "function_calling", "json_mode", "prompt"]
"""How structured output is requested; later methods are fallbacks for weaker servers."""

StructuredChoice = Literal["auto", "json_schema", "function_calling", "json_mode", "prompt"]
"""A configured method: ``auto`` negotiates down the chain, anything else is used as given."""

METHODS: tuple[StructuredMethod, ...] = ("json_schema", "function_calling", "json_mode", "prompt")
CHOICES: tuple[StructuredChoice, ...] = ("auto", *METHODS)

DEFAULT_MODEL = "gpt-4.1-mini"
"""A small current OpenAI model with json_schema structured output."""

PLACEHOLDER_KEY = "not-needed"
"""Sent to keyless local servers (Ollama, llama.cpp), which the OpenAI client still requires."""


class LLMConfig(BaseModel):
    """The ``[llm]`` table of the config file."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, populate_by_name=True)

    model: str | None = None
    """Model name, e.g. gpt-4.1-mini or llama3.1:8b."""
    base_url: str | None = Field(default=None, alias="base-url")
    """An OpenAI-compatible endpoint, e.g. http://localhost:11434/v1."""
    temperature: float | None = Field(default=None, ge=0, le=2)
    """Sampling temperature."""
    timeout: float | None = Field(default=None, gt=0)
    """Seconds to wait for one response."""
    max_retries: int | None = Field(default=None, ge=0, le=10, alias="max-retries")
    """Retries on 429, 5xx and connection errors."""
    max_concurrency: int | None = Field(default=None, ge=1, le=32, alias="max-concurrency")
    """Requests in flight at once."""
    structured_output: StructuredChoice | None = Field(default=None, alias="structured-output")
    """auto (negotiate), or exactly one of json_schema, function_calling, json_mode, prompt."""
    context_window: int | None = Field(default=None, ge=512, alias="context-window")
    """The model's context window in tokens (else known for OpenAI models, asked of the server, or 8192)."""
    max_tokens: int | None = Field(default=None, ge=64, le=32768, alias="max-tokens")
    """Most tokens one reply may have (else sized to each part)."""
    max_attempts: int | None = Field(default=None, ge=1, le=6, alias="max-attempts")
    """Attempts per drafted part before it falls back to the template text."""
    cache: bool | None = None
    """Whether responses are cached on disk."""


@dataclass(frozen=True)
class LLMSettings:
    """Everything a backend and the drafting loop need; ``api_key`` never leaves this object."""

    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: SecretStr = field(default=SecretStr(PLACEHOLDER_KEY), repr=False)
    temperature: float = 0.2
    timeout: float = 60.0
    max_retries: int = 3
    max_concurrency: int = 4
    structured_output: StructuredChoice = "auto"
    max_attempts: int = 3
    context_window: int | None = None
    """The model's context window when configured; None asks the model table or the server."""
    max_tokens: int | None = None
    """A cap on every reply's tokens; None sizes each reply to its part."""
    cache: bool = True
    cache_dir: Path | None = None
    """Overrides the user cache dir (tests, benchmarks)."""
    retry_cap: float = 30.0
    """Longest wait honoured from a Retry-After header or backoff, in seconds."""

    def with_(self, **changes: Any) -> LLMSettings:
        """A copy with some settings changed."""
        return replace(self, **changes)

    @property
    def endpoint(self) -> str:
        """The endpoint for display: the base URL without credentials, or OpenAI's."""
        return redact_url(self.base_url) if self.base_url else "api.openai.com"

    @property
    def negotiates(self) -> bool:
        """Whether the structured-output method is negotiated (``auto``) rather than fixed."""
        return self.structured_output == "auto"

    @property
    def serial_timeout(self) -> float:
        """The longer, bounded timeout used once a slow endpoint runs one request at a time."""
        return max(self.timeout, min(self.timeout * 3, 600.0))

    def cache_params(self) -> dict[str, Any]:
        """What changes a response besides the prompt: part of every cache key (no secrets)."""
        return {"model": self.model, "base_url": self.endpoint, "temperature": self.temperature,
                "max_tokens": self.max_tokens}


def redact_url(url: str) -> str:
    """``url`` without any user:password part."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return url


def _llm_table(config: Mapping[str, Any] | None) -> LLMConfig:
    table: Any = {}
    if config:
        table = config.get("llm", config) if isinstance(config, Mapping) else config
    if isinstance(table, LLMConfig):
        return table
    try:
        return LLMConfig.model_validate(dict(table))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"[llm] {where}: {err['msg']}") from None


_FLAG_KEYS = {"model", "base_url", "no_cache", "cache", "max_concurrency", "timeout",
              "temperature", "structured_output", "max_attempts", "max_retries", "cache_dir",
              "context_window", "max_tokens"}


def resolve_settings(
    cli_overrides: Mapping[str, Any] | None,
    config: Mapping[str, Any] | None,
    env: Mapping[str, str] | None = None,
) -> LLMSettings | None:
    """Settings from flags > environment > ``[llm]`` table > defaults; None without an endpoint or key."""
    env = os.environ if env is None else env
    flags = {k: v for k, v in (cli_overrides or {}).items() if v is not None}
    unknown = set(flags) - _FLAG_KEYS
    if unknown:
        raise ConfigError(f"unknown LLM option(s): {', '.join(sorted(unknown))}")
    table = _llm_table(config)
    key = (env.get("OPENAI_API_KEY") or "").strip()
    base_url = flags.get("base_url") or env.get("OPENAI_BASE_URL") or table.base_url
    if not key and not base_url:
        return None
    model = flags.get("model") or env.get("DCRDRAFT_MODEL") or table.model or DEFAULT_MODEL
    cache = table.cache if table.cache is not None else True
    if "cache" in flags:
        cache = bool(flags["cache"])
    if flags.get("no_cache"):
        cache = False
    defaults = LLMSettings()

    def pick(name: str) -> Any:
        if name in flags:
            return flags[name]
        value = getattr(table, name)
        return getattr(defaults, name) if value is None else value

    settings = LLMSettings(
        model=model,
        base_url=base_url or None,
        api_key=SecretStr(key or PLACEHOLDER_KEY),
        temperature=float(pick("temperature")),
        timeout=float(pick("timeout")),
        max_retries=int(pick("max_retries")),
        max_concurrency=int(pick("max_concurrency")),
        structured_output=pick("structured_output"),
        max_attempts=int(pick("max_attempts")),
        context_window=pick("context_window"),
        max_tokens=pick("max_tokens"),
        cache=cache,
        cache_dir=Path(flags["cache_dir"]) if flags.get("cache_dir") else None,
    )
    if settings.structured_output not in CHOICES:
        raise ConfigError(f"structured output method must be one of {', '.join(CHOICES)}")
    if settings.max_concurrency < 1:
        raise ConfigError("max concurrency must be at least 1")
    if settings.timeout <= 0:
        raise ConfigError("timeout must be a positive number of seconds")
    return settings


def engine_notice(settings: LLMSettings | None) -> str:
    """The one stderr line saying which engine ``--engine auto`` chose."""
    if settings is None:
        return ("dcrdraft: no LLM endpoint or key configured (OPENAI_API_KEY, OPENAI_BASE_URL "
                "or [llm] base_url); drafting with the template engine")
    return f"dcrdraft: drafting with the LLM engine ({settings.model} at {settings.endpoint})"
