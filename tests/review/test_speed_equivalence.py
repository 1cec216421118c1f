"""The fast paths give the same results as the plain ones: lazy config defaults, the results
cache, worker processes, the Markdown inline fast path and the regex prefilters."""

from __future__ import annotations

import dataclasses


def test_config_defaults_match_the_pydantic_settings() -> None:
    from dcrdraft.config.project import SETTING_KEYS, Defaults
    from dcrdraft.config.schema import Settings

    assert SETTING_KEYS == {n: (f.alias or n) for n, f in Settings.model_fields.items()}
    assert dataclasses.asdict(Defaults()) == Settings().model_dump()


def test_builtin_section_rules_read_alike_by_pyyaml_and_ruamel() -> None:
    import yaml
    from ruamel.yaml import YAML

    from dcrdraft.paths import rubrics_dir

    text = (rubrics_dir() / "sections.yaml").read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.CSafeLoader) == YAML(typ="safe").load(text)


# -- the regex prefilter (review.fastre) ------------------------------------------------------

import functools  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.conftest import shared, unsealed  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

CORPUS = [p for p in unsealed(ROOT / "fixtures" / "review")
          if p.suffix in (".md", ".txt", ".html")]
REAL = shared("corpus", "real")  # third-party documents: not copied into fixtures/
CORPUS += sorted(REAL.glob("*.md")) if REAL else []


def test_the_equivalence_corpus_leaves_the_sealed_set_out() -> None:
    assert CORPUS and not any("sealed-" in part for p in CORPUS for part in p.parts)


@functools.cache  # one worker may run several shards below: read once per process
def _all_patterns() -> list[re.Pattern[str]]:
    """Every fast pattern the reviewer uses: shared ones, check modules' and the rules'."""
    import dcrdraft.review.checks as checks_pkg
    from dcrdraft.review import load_rubric, text
    from dcrdraft.review.fastre import FastPattern, fast

    import sys

    from dcrdraft.review.engine import ACCELERATED

    found: list[re.Pattern[str]] = []
    mods = [text] + [m for m in vars(checks_pkg).values() if hasattr(m, "__file__")]
    mods += [m for n, m in list(sys.modules.items()) if n.startswith(ACCELERATED) and m]
    for mod in mods:
        for value in vars(mod).values():
            if isinstance(value, FastPattern):
                found.append(value)  # type: ignore[arg-type]
            elif isinstance(value, re.Pattern):
                found.append(fast(value.pattern, value.flags))
    for rule in load_rubric().rules:
        for value in rule.params.values():
            for p in value if isinstance(value, list) else [value]:
                for q in p if isinstance(p, list) else [p]:
                    if isinstance(q, str):
                        try:
                            found.append(fast(q, re.I))
                        except re.error:
                            pass
    from dcrdraft.review.absence import NEGATED_RE
    from dcrdraft.review.facts.vocab import names, vocab

    found += [vocab(n) for n in names()] + [NEGATED_RE]
    unique = list({(p.pattern, p.flags): p for p in found}.values())  # shared ones, once
    for p in unique:
        p._prepare()  # type: ignore[attr-defined]  # skip the warm-up: test the prefilter itself
    return unique


@functools.cache
def _texts() -> list[str]:
    from dcrdraft.ingest import read_document
    from dcrdraft.review.context import Context

    out: list[str] = []
    for p in CORPUS:
        ctx = Context.of(read_document(p))
        out += [u.text for u in ctx.units] + [c.text for c in ctx.chunks]
    return list(dict.fromkeys(out))  # a one-sentence chunk is its unit: each text once


def _sound(pattern: re.Pattern[str], text: str) -> bool:
    # the prefilter's answer first: only where it says "cannot match" must the plain search run
    return not (pattern.cannot_match(text)  # type: ignore[attr-defined]
                and pattern.re.search(text) is not None)  # type: ignore[attr-defined]


SHARDS = 4
"""The corpus check is ~14 CPU s: in shards, test workers share it instead of one waiting."""


@pytest.mark.parametrize("shard", range(SHARDS))
def test_prefilter_never_hides_a_match_in_the_corpus(shard: int) -> None:
    patterns, texts = _all_patterns(), _texts()
    assert len(patterns) > 40 and len(texts) > 1000
    texts = texts[::2]  # every other distinct sentence (every kind is there): ~8 CPU s less
    bad = [(p.pattern[:60], t[:60]) for p in patterns[shard::SHARDS] for t in texts
           if not _sound(p, t)]
    assert bad == []


@pytest.mark.parametrize(("pattern", "flags", "text"), [
    (r"\bkelvin\b", re.I, "\u212aelvin"),        # Kelvin sign matches k ignoring case
    (r"class", re.I, "cla\u017f\u017f"),           # long s matches s
    (r"\bit\b", re.I, "\u0130T"),                  # dotted capital I matches i
    (r"(?i:abc)d", 0, "ABCd"),                     # scoped flags
    (r"≤\s?5", re.I, "≤ 5"),
    (r"(?:ab)+|x{2,}", 0, "xx"),
    (r"a*", 0, ""),
])
def test_prefilter_edge_cases(pattern: str, flags: int, text: str) -> None:
    from dcrdraft.review.fastre import fast

    p = fast(pattern, flags)
    p._prepare()  # type: ignore[attr-defined]
    assert bool(p.search(text)) == bool(re.search(pattern, text, flags))


_ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCKST %.,;:-_*[]()<>≤≥±0123456789\n")
                            + ["\u212a", "\u017f", "\u0130", "\u0131", "é", "–", "ß"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.data())
def test_prefilter_sound_on_random_text(text: str, data: st.DataObject) -> None:
    patterns = _PATTERNS or _PATTERNS.extend(_all_patterns()) or _PATTERNS
    p = data.draw(st.sampled_from(patterns))
    assert _sound(p, text)
    from dcrdraft.review.fastre import scanner_source

    source = scanner_source(p.pattern, p.flags) if p._lits else None  # type: ignore[attr-defined]
    words = data.draw(st.lists(st.sampled_from(sorted(source.split("|")) if source else ["x"]),
                               max_size=3))
    assert _sound(p, text + " ".join(w.replace("\\", "") for w in words).upper())


_PATTERNS: list[re.Pattern[str]] = []


# -- Markdown: the inline phase runs only where markup is ---------------------------------------


def _both_ways(text: str) -> tuple[object, object]:
    from markdown_it import MarkdownIt

    from dcrdraft.ingest import markdown

    lazy = markdown.parse_markdown(text, "x.md")
    saved = markdown._PARSER
    markdown._PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    try:
        full = markdown.parse_markdown(text, "x.md")
    finally:
        markdown._PARSER = saved
    return lazy, full


def test_lazy_inline_parse_reads_the_corpus_alike() -> None:
    for p in CORPUS:
        if p.suffix == ".md":
            lazy, full = _both_ways(p.read_text(encoding="utf-8"))
            assert lazy == full, p


@pytest.mark.parametrize("text", ["[" * 300 + "x", "![alt *b* [c", "a [ref\n\n[ref]: http://r\n",
                                  "[<b>x</b> `[` \\[ &amp; [", "[x](http://y", "![[[*a*"])
def test_text_without_a_closing_bracket_reads_alike(text: str) -> None:
    lazy, full = _both_ways(text)
    assert lazy == full


_MD_PIECES = st.sampled_from([
    "# Title\n", "## Risks & Mitigations\n", "text ", "**bold** ", "_it_ ", "`code` ", "~~x~~ ",
    "[link](http://x) ", "[ref] ", "[ref]: http://r\n", "![img](a.png) ", "<br> ", "<b>x</b> ",
    "&amp; ", "\\* ", "<http://auto> ", "a  \n", "\n", "\n\n", "- item ", "1. one ", "> quote ",
    "| a | b |\n|---|---|\n| 1 | 2 |\n", "```\ncode\n```\n", "    indented\n", "    \t", "x\\\n",
    "* ", "_", "*", "~", "[", "]", "!", "<", "&", "é ", "–", "\u00a0",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_MD_PIECES, max_size=40).map("".join))
def test_lazy_inline_parse_matches_markdown_it(text: str) -> None:
    lazy, full = _both_ways(text)
    assert lazy == full


# -- the results cache and worker processes -----------------------------------------------------

SUPPRESSED = """# Risks
<!-- dcrdraft-disable-next-line M01 -- accepted for the pilot -->
- Bias. Mitigation: careful review.
- Drift. Mitigation: TBD

## Monitoring
We will monitor performance closely. <!-- dcrdraft-disable X99 -- stale -->
"""


def _run(folder: Path, cache_root: Path | None, jobs: int = 1) -> dict[str, str]:
    from dcrdraft.review.cache import ResultCache
    from dcrdraft.review.ci import RunOptions, run_ci
    from dcrdraft.review.formats import FORMATS, render

    cache = ResultCache(cache_root) if cache_root is not None else None
    run = run_ci(RunOptions([str(folder)], isolated=True, jobs=jobs, cache=cache))
    return {fmt: render(run, fmt) for fmt in FORMATS}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    folder = tmp_path_factory.mktemp("batch")
    # every third document: equivalence is decided file by file, and a third still holds every
    # kind (labelled fixtures, tuned sets, real model cards) at a third of the cost; the
    # prefilter test above reads the whole corpus
    for p in CORPUS[::3]:
        shutil.copy(p, folder / p.name)
    (folder / "suppressed.md").write_text(SUPPRESSED, encoding="utf-8")
    (folder / "same-content.md").write_text(SUPPRESSED, encoding="utf-8")  # one entry, two paths
    (folder / "unreadable.md").write_bytes(b"\x00\x01binary")
    return folder


@pytest.fixture(scope="module")
def plain(batch: Path) -> dict[str, str]:
    """The batch reviewed the plain way (one process, no cache), every output format."""
    return _run(batch, None)


def test_cache_cold_and_warm_give_the_uncached_output(batch: Path, plain: dict[str, str],
                                                      tmp_path: Path) -> None:
    assert _run(batch, tmp_path / "cache") == plain  # cold: fills the cache
    assert any((tmp_path / "cache").rglob("*.json"))
    assert _run(batch, tmp_path / "cache") == plain  # warm: every file from the cache


def test_cache_misses_when_the_file_or_the_rules_change(tmp_path: Path) -> None:
    from dcrdraft.review import load_rubric
    from dcrdraft.review.cache import ResultCache
    from dcrdraft.review.rubric import with_rules

    doc = tmp_path / "a.md"
    doc.write_text(SUPPRESSED, encoding="utf-8")
    cache, rubric = ResultCache(tmp_path / "c"), load_rubric()
    key = cache.key(str(doc), rubric)
    assert key == cache.key(str(doc), rubric)
    assert key != cache.key(str(doc), with_rules(rubric, rubric.rules[:5]))
    doc.write_text(SUPPRESSED + "x\n", encoding="utf-8")
    assert key != cache.key(str(doc), rubric)
    assert ResultCache(tmp_path / "c", enabled=False).key(str(doc), rubric) is None


def test_cache_dir_honours_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from dcrdraft.review.cache import cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert cache_dir().is_relative_to(tmp_path / "dcrdraft")


def test_worker_processes_give_the_single_process_output(batch: Path,
                                                         plain: dict[str, str]) -> None:
    assert _run(batch, None, jobs=2) == plain


def test_library_cache_gives_the_uncached_reports(batch: Path, tmp_path: Path) -> None:
    from dcrdraft.review import review_paths
    from dcrdraft.review.cache import ResultCache

    plain = review_paths([batch]).to_dict()
    for _ in range(2):
        assert review_paths([batch], cache=ResultCache(tmp_path)).to_dict() == plain
    assert review_paths([batch], jobs=2, cache=ResultCache(tmp_path)).to_dict() == plain


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text("abn't ", min_size=1, max_size=5), min_size=1, max_size=12),
       st.text("abn't x", max_size=30))
def test_trie_pattern_finds_what_the_word_list_finds(words: set[str], text: str) -> None:
    from dcrdraft.review.fastre import trie_pattern

    flat = re.compile("|".join(map(re.escape, words)))
    assert bool(re.search(trie_pattern(frozenset(words)), text)) == bool(flat.search(text))


# -- compiled regular expressions kept between runs ---------------------------------------------

_PROBE = """
import re, sys
from dcrdraft.review import regexcache
regexcache.install()
from dcrdraft.review import review_path
review_path(sys.argv[1])
loaded = list(regexcache._loaded)  # each saved pattern is built on its first lookup
same = all(re._cache[k] == re._compiler.compile(k[1], k[2]) for k in loaded)
new = [k for k in re._cache if k not in regexcache._loaded and k[0] is str]
print(len(loaded), same, len(new))
"""


def test_saved_patterns_are_what_re_compiles(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    doc = str(ROOT / "fixtures" / "review" / "strong-guide-style.md")
    runs = [subprocess.run([sys.executable, "-c", _PROBE, doc], capture_output=True, text=True,
                           env=env, check=True).stdout.split() for _ in range(2)]
    assert runs[0][:2] == ["0", "True"]  # nothing saved yet
    assert int(runs[1][0]) > 300 and runs[1][1] == "True"
    # the first run kept every pattern it compiled, not only the last 512 ``re`` holds by
    # default, so the second finds all of them ready
    assert int(runs[0][2]) > 512 and runs[1][0] == runs[0][2], runs


_KEPT_PROBE = """
import json, sys
from dcrdraft.review import regexcache
regexcache.install()
from dcrdraft.review import fastre, review_path, yamltext
from dcrdraft.review.fastre import required_literals, trie_pattern
kept_yaml = regexcache.read_framed(regexcache.kept_file("yaml"), yamltext._MAGIC) or {}
reports = [review_path(p).to_dict() for p in sys.argv[1:]]
saved = regexcache.saved_literals()
fresh = {k: (trie_pattern(lits) if (lits := required_literals(*k)) else None) for k in saved}
from dcrdraft.paths import rubrics_dir
files = sorted(rubrics_dir().glob("*.yaml"))
parsed = [yamltext._parse(f, f.read_text(encoding="utf-8")) for f in files]
kept = [yamltext.parse_yaml(f, f.read_text(encoding="utf-8")) for f in files]
print(json.dumps({"reports": reports, "saved": len(saved), "same": fresh == saved,
                  "yaml": len(kept_yaml), "same_yaml": parsed == kept}))
"""


def test_kept_prefilters_and_twins_give_the_uncached_reviews(tmp_path: Path) -> None:
    """A run that finds the literal scanners, RE2 translations, compiled patterns and parsed
    rubric YAML of an earlier run (prefiltering from each pattern's first use) reviews
    exactly as one without, and reads each rubric file to the data a parse gives."""
    import json
    import os
    import subprocess
    import sys

    docs = [str(p) for p in CORPUS if p.suffix == ".md"][:6]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}

    def run(extra: dict[str, str]) -> dict[str, object]:
        out = subprocess.run([sys.executable, "-c", _KEPT_PROBE, *docs], capture_output=True,
                             text=True, env={**env, **extra}, check=True).stdout
        return json.loads(out)  # type: ignore[no-any-return]

    plain = run({"DCRDRAFT_NO_REGEX_CACHE": "1"})
    first, second = run({}), run({})
    assert first["saved"] == 0 and second["saved"] > 100 and second["same"] is True
    assert first["yaml"] == 0 and second["yaml"] >= 3 and second["same_yaml"] is True
    assert first["reports"] == second["reports"] == plain["reports"]


_SECTIONS_PROBE = """
import json, os, sys
from dcrdraft.review import regexcache
regexcache.install()
from dcrdraft.review import yamltext
from dcrdraft.ingest import sections
path = os.path.join(os.environ["DCRDRAFT_RUBRICS"], "sections.yaml")
text = open(path, encoding="utf-8").read()
kept = sections.KEPT_YAML[0](text, lambda: sections._load_yaml(text, path, True))
print(json.dumps({"same": kept == sections._load_yaml(text, path, True),
                  "kept": len(regexcache.read_framed(regexcache.kept_file("yaml"),
                                                     yamltext._MAGIC) or {})}))
"""


def test_kept_section_rules_follow_their_file(tmp_path: Path) -> None:
    """The section rules an earlier run kept are read back only for the same bytes: an edited
    sections.yaml is parsed afresh and gives the edited rules."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    rubrics = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "DCRDRAFT_RUBRICS": str(rubrics)}

    def run() -> dict[str, object]:
        out = subprocess.run([sys.executable, "-c", _SECTIONS_PROBE], capture_output=True,
                             text=True, env=env, check=True).stdout
        return dict(json.loads(out))

    first, again = run(), run()  # "kept": what earlier runs kept, read before this one's
    assert first == {"same": True, "kept": 0} and again == {"same": True, "kept": 1}
    rules = rubrics / "sections.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert run() == {"same": True, "kept": 1}
    assert run() == {"same": True, "kept": 2}  # the edited text was parsed and kept anew
