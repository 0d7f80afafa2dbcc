"""The shape of the code, kept (DESIGN.md, "Apps"; ARCHITECTURE.md).

Read from the source with ``ast``, nothing is imported: import cycles, the plumbing
importing an app, service errors translated by hand in views, oversized view modules
and functions, and plug-ins loaded in more than one place all fail here.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("vuxportal", "organisation", "goals", "competence", "infrastructure", "reports")
PARTS = APPS[1:]


def source_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def parsed():
    for path in source_files():
        yield path, ast.parse(path.read_text(), filename=str(path))


def imported_modules(path: Path, tree) -> set[str]:
    """Every project module ``path`` imports, at the top or inside a function."""
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else None
    package = package if package is not None else module_name(path)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            names.add(prefix)
            names.update(f"{prefix}.{alias.name}" for alias in node.names)
    return {n for n in names if n.split(".")[0] in APPS}


def test_no_import_cycles():
    modules = {module_name(p): p for p in source_files()}
    graph = {}
    for path, tree in parsed():
        graph[module_name(path)] = {m for m in imported_modules(path, tree) if m in modules}
    # Tarjan's strongly connected components: any of more than one module is a cycle.
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []
    counter = iter(range(len(graph) + 1))

    def visit(node):
        index[node] = low[node] = next(counter)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.add(item)
                if item == node:
                    break
            # A package importing its own submodules is not a cycle of its own making.
            if len({c for c in component if not _is_package_of(c, component)}) > 1:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert cycles == []


def _is_package_of(name, component) -> bool:
    return any(other != name and other.startswith(name + ".") for other in component)


def test_the_plumbing_imports_no_app():
    offenders = []
    for path, tree in parsed():
        if not module_name(path).startswith("vuxportal"):
            continue
        for name in imported_modules(path, tree):
            if name.split(".")[0] in PARTS:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def view_modules():
    for path in source_files():
        if path.name == "views.py" or "views" in path.parent.parts[-1:]:
            yield path


def test_service_errors_are_translated_in_one_place():
    handlers = []
    for path in view_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            caught = (
                ast.unparse(node.type) if isinstance(node, ast.ExceptHandler) and node.type else ""
            )
            # RowErrors is a ValidationError too (a bulk write's bad rows).
            if "ValidationError" in caught or "RowErrors" in caught:
                handlers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert len(handlers) <= 3, handlers


@pytest.mark.parametrize("path", list(view_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_views_modules_stay_small(path):
    lines = len(path.read_text().splitlines())
    assert lines <= 500, f"{path.relative_to(ROOT)} has {lines} lines"


def test_no_function_is_longer_than_80_lines():
    long = []
    for path, tree in parsed():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 80:
                    long.append(f"{path.relative_to(ROOT)}:{node.name} ({length})")
    assert long == []


def test_plug_ins_are_loaded_in_at_most_two_places():
    sites = []
    for path, tree in parsed():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                called = ast.unparse(node.func)
                if called.endswith(("import_module", "autodiscover_modules", "autodiscover")) or (
                    called.endswith("autodiscover_tasks")
                ):
                    sites.append(f"{path.relative_to(ROOT)}:{node.lineno} {called}")
    assert len(sites) <= 2, sites
