"""Parse the YAML of a rubric-folder file (rules, vocabularies) with located errors.

PyYAML's C loader reads a well-formed file fast; when it is missing or the text is malformed,
ruamel reads it again so the error names the file and line. When the compiled patterns are
kept between runs (``regexcache``), so is what each text parsed to, by the SHA-256 of the text:
the same bytes parse to the same data, and reading it back (marshal) costs a fraction of a
millisecond where parsing the rubric folder costs ~25 ms of every cold review.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from dcrdraft.errors import ConfigError
from dcrdraft.ingest import sections
from dcrdraft.review import regexcache

_MAGIC = b"dcrdraft-yaml-1\n"
_kept: dict[bytes, bytes] = {}
"""marshal of the data each text parsed to, by the text's SHA-256: an earlier run's, then
this run's."""
_state = {"loaded": False, "new": 0}


def _load_kept() -> None:
    if _state["loaded"] or not regexcache.installed():
        return
    _state["loaded"] = True
    saved = regexcache.read_framed(regexcache.kept_file("yaml"), _MAGIC)
    if isinstance(saved, dict):
        _kept.update({k: v for k, v in saved.items()
                      if isinstance(k, bytes) and isinstance(v, bytes)})


def _save_kept() -> None:
    if _state["new"]:
        kept = dict(list(_kept.items())[-64:])  # the rubric files of a few versions
        regexcache.write_framed(regexcache.kept_file("yaml"), _MAGIC, kept)


regexcache.KEEPERS.append(_save_kept)
# The section rules (rubrics/sections.yaml) are read by the ingest layer, below this one.
sections.KEPT_YAML.append(lambda text, parse: kept_parse(b"sections\0", text, parse))


def parse_yaml(path: Path, text: str) -> Any:
    """The YAML of ``text`` (read from ``path``), or ConfigError naming the file and line."""
    return kept_parse(b"", text, lambda: _parse(path, text))


def kept_parse(kind: bytes, text: str, parse: Callable[[], Any]) -> Any:
    """What ``parse`` makes of ``text``, kept by the SHA-256 of ``kind`` and the text (each
    reader of YAML, its own ``kind``, since two readers may read one text differently)."""
    _load_kept()
    key = hashlib.sha256(kind + text.encode("utf-8", "surrogatepass")).digest()
    if key in _kept:
        try:
            return marshal.loads(_kept[key])
        except Exception:  # noqa: BLE001 - a damaged entry is a miss: parse as usual
            del _kept[key]
    data = parse()
    if regexcache.installed():
        try:
            _kept[key] = marshal.dumps(data)
            _state["new"] += 1
        except ValueError:  # a value marshal cannot keep (a YAML date): parsed every time
            pass
    return data


@lru_cache(maxsize=1)
def _strict_loader(yaml: Any) -> Any:
    """PyYAML's safe loader (the C one when built) refusing a key given twice in one mapping.
    PyYAML keeps the last value and says nothing, so a second ``quiet:`` list would silently
    drop the first list's examples; the refusal sends the text to ruamel, which names the line.
    Built once per process: every rubric file is read with it."""
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Strict(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _value in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"duplicate key {key!r}", key_node.start_mark)
                    seen.add(key)
                except TypeError:  # an unhashable (complex) key: PyYAML reports it itself
                    pass
            return super().construct_mapping(node, deep)

    return Strict


def _parse(path: Path, text: str) -> Any:
    try:
        # lazy: PyYAML is needed when a rubric file is first read, not on import
        import yaml  # PyYAML's C loader is ~20x faster than ruamel on start-up

        return yaml.load(text, Loader=_strict_loader(yaml))  # noqa: S506 - safe loader
    except ImportError:
        pass
    except Exception:  # noqa: BLE001 - reported through ruamel below, with its line
        pass
    from ruamel.yaml import YAML  # lazy: ruamel is needed only without PyYAML or for an error
    from ruamel.yaml.error import YAMLError  # lazy: as above

    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: invalid YAML ({getattr(exc, 'problem', exc)})") from exc
