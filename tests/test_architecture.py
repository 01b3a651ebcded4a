"""The engine's house rules: packages by stage, no import running up the layers, no import circle."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is in requirements.txt"
    run = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each an import circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_takes_part_in_an_import_circle():
    graph = grimp.build_graph("autograder", include_external_packages=False)
    assert len(graph.modules) > 40
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_circle():
    graph = grimp.ImportGraph()
    for name in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(name)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.x")
    graph.add_import(importer="a.z", imported="a.x")
    assert _cycles(graph) == [["a.x", "a.y"]]


def _docstrings(tree) -> set[int]:
    nodes = [
        tree,
        *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))),
    ]
    return {
        id(n.body[0].value)
        for n in nodes
        if n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)
    }


def exercise_names_in(source: str, ids: set[str]) -> set[str]:
    """Exercise ids the code itself uses (strings and names), docstrings and comments aside."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    words: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            words |= set(re.findall(r"\w+", node.value))
        elif isinstance(node, ast.Name):
            words.add(node.id)
        elif isinstance(node, ast.Attribute):
            words.add(node.attr)
    return words & ids


def test_no_file_of_the_engine_names_an_exercise():
    from autograder.exercises import all_exercises

    ids = set(all_exercises())
    assert "optimizers" in ids and len(ids) == 8
    named = {}
    for path in sorted((ROOT / "autograder").rglob("*.py")):
        if "suites" in path.relative_to(ROOT / "autograder").parts:
            continue  # the exercises themselves
        found = exercise_names_in(path.read_text(encoding="utf-8"), ids)
        if found:
            named[str(path.relative_to(ROOT))] = sorted(found)
    assert named == {}


def test_the_exercise_name_check_sees_a_name_in_code_but_not_in_a_docstring():
    ids = {"dropout", "optimizers"}
    assert exercise_names_in('"""Grades dropout."""\nX = 1\n', ids) == set()
    assert exercise_names_in('if exercise.id == "dropout":\n    pass\n', ids) == {"dropout"}
