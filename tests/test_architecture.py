"""The import graph stays readable (docs/architecture.md): no private name crosses a module, no
import cycle, and a function-local import only with a ``# lazy: <reason>`` comment saying which
start-up path it keeps light. An AST scan of ``src/dcrdraft``; each rule is also run on a planted
violation so the scan cannot pass by finding nothing.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    tree: ast.Module
    lines: list[str]

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"


def modules(root: Path, package: str = "dcrdraft") -> dict[str, Module]:
    """Every module of ``package`` under ``root``, parsed."""
    out: dict[str, Module] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        text = path.read_text(encoding="utf-8")
        out[".".join(parts)] = Module(".".join(parts), path, ast.parse(text), text.splitlines())
    return out


def _target(mod: Module, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` reads from."""
    if node.level == 0:
        return node.module or ""
    base = mod.name.split(".")
    if not mod.is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(mod: Module) -> list[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement of ``mod`` and whether it sits inside a function."""
    found: list[tuple[ast.Import | ast.ImportFrom, bool]] = []

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append((child, in_function))
            walk(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    walk(mod.tree, False)
    return found


def private_imports(mods: dict[str, Module], package: str = "dcrdraft") -> list[str]:
    """``from pkg.a import _x`` and ``a._x`` (``a`` bound to a module of the package) in another
    module than the one defining ``_x``."""
    bad: list[str] = []
    for mod in mods.values():
        aliases: dict[str, str] = {}
        for node, _ in _imports(mod):
            if isinstance(node, ast.ImportFrom):
                target = _target(mod, node)
                if target.split(".")[0] != package:
                    continue
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    if full in mods:
                        aliases[alias.asname or alias.name] = full
                    elif alias.name.startswith("_") and not alias.name.startswith("__"):
                        bad.append(f"{mod.path}:{node.lineno}: imports {target}.{alias.name}")
            else:
                for alias in node.names:
                    if alias.name in mods and alias.asname:
                        aliases[alias.asname] = alias.name
        for node in ast.walk(mod.tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                bad.append(f"{mod.path}:{node.lineno}: uses {aliases[node.value.id]}.{node.attr}")
    return bad


def import_graph(mods: dict[str, Module]) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (anywhere in the file)."""
    graph: dict[str, set[str]] = {name: set() for name in mods}
    for mod in mods.values():
        for node, _ in _imports(mod):
            if isinstance(node, ast.Import):
                graph[mod.name] |= {a.name for a in node.names if a.name in mods}
                continue
            target = _target(mod, node)
            for alias in node.names:
                full = f"{target}.{alias.name}"
                if full in mods:
                    graph[mod.name].add(full)
                elif target in mods:
                    graph[mod.name].add(target)
        graph[mod.name].discard(mod.name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def unexplained_local_imports(mods: dict[str, Module]) -> list[str]:
    """Function-local imports without a ``# lazy: <reason>`` comment on the statement or on
    the line above it."""
    bad: list[str] = []
    for mod in mods.values():
        for node, in_function in _imports(mod):
            if not in_function:
                continue
            first, last = node.lineno, node.end_lineno or node.lineno
            around = mod.lines[first - 2: last] if first >= 2 else mod.lines[:last]
            if not any("# lazy: " in line for line in around):
                bad.append(f"{mod.path}:{first}: {mod.lines[first - 1].strip()}")
    return bad


def test_no_private_name_crosses_a_module() -> None:
    assert private_imports(modules(SRC)) == []


def test_no_import_cycle() -> None:
    assert cycles(import_graph(modules(SRC))) == []


def test_every_function_local_import_says_why() -> None:
    assert unexplained_local_imports(modules(SRC)) == []


def test_the_scan_finds_planted_violations(tmp_path: Path) -> None:
    pkg = tmp_path / "dcrdraft"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from dcrdraft.b import _hidden, shown\n\n\n"
                              "def f():\n    from dcrdraft import c\n    return c\n")
    (pkg / "b.py").write_text("from dcrdraft import a\n\n_hidden = shown = 1\n")
    (pkg / "c.py").write_text("from dcrdraft.sub import d as dee\n\n\n"
                              "def g():\n    import json  # lazy: a reason\n    return dee._x\n")
    (pkg / "sub" / "d.py").write_text("from .. import c\n\n_x = 1\n")
    mods = modules(tmp_path)
    assert [m.split(": ", 1)[1] for m in private_imports(mods)] == [
        "imports dcrdraft.b._hidden", "uses dcrdraft.sub.d._x"]
    assert cycles(import_graph(mods)) == [["dcrdraft.a", "dcrdraft.b"],
                                          ["dcrdraft.c", "dcrdraft.sub.d"]]
    assert [m.split(": ", 1)[1] for m in unexplained_local_imports(mods)] == [
        "from dcrdraft import c"]
