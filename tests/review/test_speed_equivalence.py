"""The fast paths give the same results as the plain ones: lazy config defaults, the results
cache, worker processes, the Markdown inline fast path and the regex prefilters."""

from __future__ import annotations

import dataclasses


def test_config_defaults_match_the_pydantic_settings() -> None:
    from dcrdraft.config import SETTING_KEYS, Defaults
    from dcrdraft.config_model import Settings

    assert SETTING_KEYS == {n: (f.alias or n) for n, f in Settings.model_fields.items()}
    assert dataclasses.asdict(Defaults()) == Settings().model_dump()


def test_builtin_section_rules_read_alike_by_pyyaml_and_ruamel() -> None:
    import yaml
    from ruamel.yaml import YAML

    from dcrdraft.paths import rubrics_dir

    text = (rubrics_dir() / "sections.yaml").read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.CSafeLoader) == YAML(typ="safe").load(text)
