"""The pydantic models of a project config file (``[tool.dcrdraft]``), validated only when a
config file exists, so a review run without one never imports pydantic."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

FailOn = Literal["error", "warning", "never"]
SeverityName = Literal["error", "warning", "info"]


class IgnoreEntry(BaseModel):
    """One ``[[ignores]]`` entry: codes waived for files matching a glob, with a reason."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    path: str
    """Glob relative to the config file's folder (``reports/*.docx``, ``legacy/**``)."""
    codes: list[str] = Field(min_length=1)
    """Codes or names waived (``C17``, ``vague-risk``); at least one."""
    reason: str
    """Why the waiver is acceptable; required and shown in every report."""

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a reason is required")
        return value.strip()


class Settings(BaseModel):
    """The ``[tool.dcrdraft]`` table (or the top level of ``.dcrdraft.toml``)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True,
                              populate_by_name=True)

    paths: list[str] = Field(default_factory=list)
    """Files, folders or globs reviewed when the command line names none."""
    select: list[str] = Field(default_factory=list)
    """Rules to run: codes, prefixes (``M``, ``C1``) or names; empty means all."""
    ignore: list[str] = Field(default_factory=list)
    """Rules never run, in the same forms as ``select``."""
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    """Severity overrides by code or name, e.g. ``{ X06 = "error" }``."""
    fail_on: FailOn | None = Field(default=None, alias="fail-on")
    """Lowest reported severity that fails the gate; unset: any error-severity finding fails."""
    fail_under: int | None = Field(default=None, ge=0, le=100, alias="fail-under")
    """Fail when any file scores below this."""
    rubrics: list[str] = Field(default_factory=list)
    """Extra rubric YAML files, relative to the config file."""
    inline_suppressions: bool = Field(default=True, alias="inline-suppressions")
    """Whether ``<!-- dcrdraft-disable ... -->`` comments are honoured; false reports them."""
    report_unused_suppressions: bool = Field(default=True, alias="report-unused-suppressions")
    """Whether a suppression that silences nothing is reported (X90)."""
    ignores: list[IgnoreEntry] = Field(default_factory=list)
    """Per-file waivers for formats without comments (Word, PDF) or any file."""
    llm: dict[str, Any] = Field(default_factory=dict)
    """The ``[llm]`` table, read by the LLM settings."""
