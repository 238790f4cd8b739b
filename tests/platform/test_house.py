"""The house rules of docs/architecture.md that a reader cannot see at a glance, checked on every run: no import
circle between the modules of src/gongkai (imports inside functions count: they still tie the modules together),
no room (package) that imports one that imports it, `core` importing no room, the shared top-level modules
importing no app, no module over 600 lines."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted((SRC / "gongkai").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules `name` (at `path`) imports, each import resolved to the most specific module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def resolve(target: str) -> str | None:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        return target or None

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking_only(child):
                continue
            if isinstance(child, ast.Import):
                found.update(filter(None, (resolve(alias.name) for alias in child.names)))
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:
                    found.update(filter(None, [resolve(f"{base}.{alias.name}")]))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return {module for module in found if module.startswith("gongkai")}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    for root in graph:
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
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def test_no_import_circle():
    assert _cycles(_graph()) == []


def test_the_circle_check_finds_a_circle():
    graph = {
        "gongkai.a": {"gongkai.b"},
        "gongkai.b": {"gongkai.c"},
        "gongkai.c": {"gongkai.a"},
        "gongkai.d": set(),
    }
    assert _cycles(graph) == [["gongkai.a", "gongkai.b", "gongkai.c"]]


def test_imports_inside_functions_and_relative_imports_count():
    graph = _graph()
    # publishing's wagtail_hooks imports its services inside functions or at the top: either way an edge
    assert any(
        target.startswith("gongkai.publishing.") for target in graph["gongkai.publishing.wagtail_hooks"]
    )
    assert all(target in graph for targets in graph.values() for target in targets)


def test_no_module_over_600_lines():
    long = {
        name: lines
        for name, path in _modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def _apps(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph between the rooms (the packages under gongkai), from the modules' imports."""
    packages = {name.split(".")[1] for name in graph if name.count(".") >= 2}
    rooms: dict[str, set[str]] = {room: set() for room in packages}
    for name, targets in graph.items():
        parts = name.split(".")
        if len(parts) < 2 or parts[1] not in packages:
            continue
        rooms[parts[1]].update(
            target.split(".")[1]
            for target in targets
            if target.count(".") >= 1 and target.split(".")[1] in packages
        )
        rooms[parts[1]].discard(parts[1])
    return rooms


def test_no_room_imports_one_that_imports_it():
    rooms = _apps(_graph())
    assert "core" in rooms and rooms["core"] == set()
    assert _cycles(rooms) == []


def test_the_shared_top_level_modules_import_no_app():
    graph = _graph()
    rooms = set(_apps(graph)) - {"core"}
    for name in ("gongkai.throttle", "gongkai.cache", "gongkai.storage", "gongkai.clients"):
        assert {target.split(".")[1] for target in graph[name] if target.count(".")} & rooms == set(), name
