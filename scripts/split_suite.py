"""Split a hidden suite into what is run (``scenarios.py``) and what is judged (``hidden_tests.py``).

A one-off migration tool, kept for new exercises written in the old single-file style:
``python scripts/split_suite.py autograder/suites/<exercise>/hidden_tests.py``. Scenario
functions and the helpers they use move to ``scenarios.py``; case declarations, hints, checks
and whatever only they use stay in ``hidden_tests.py`` as ``suite.case(..., run=scenarios.fn)``.
Review the result: comments between definitions are not carried over.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path


def _is_case(d: ast.expr) -> bool:
    return isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr == "case"


def _defined(node: ast.stmt) -> set[str]:
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return set()


def _used(nodes) -> set[str]:
    return {
        n.id
        for node in nodes
        for n in ast.walk(node)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }


def split(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    seg = lambda n: ast.get_source_segment(text, n)
    body = tree.body
    doc = body[0] if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else None
    imports = [n for n in body if isinstance(n, (ast.Import, ast.ImportFrom))]
    cases = [n for n in body if isinstance(n, ast.FunctionDef) and any(_is_case(d) for d in n.decorator_list)]
    others = [n for n in body if n not in imports and n not in cases and n is not doc]
    by_name = {name: n for n in others for name in _defined(n)}

    def closure(roots) -> list[ast.stmt]:
        out, todo = [], list(roots)
        while todo:
            node = todo.pop()
            for name in _used([node]):
                dep = by_name.get(name)
                if dep is not None and dep not in out:
                    out.append(dep)
                    todo.append(dep)
        return out

    run_roots = [
        ast.FunctionDef(**{**c.__dict__, "decorator_list": [d for d in c.decorator_list if not _is_case(d)]})
        for c in cases
    ]  # noqa: E501
    for plain, c in zip(run_roots, cases):
        ast.copy_location(plain, c)
    run_side = closure(run_roots)
    judge_roots = [d for c in cases for d in c.decorator_list if _is_case(d)]
    judge_side = [
        n
        for n in closure(judge_roots)
        if n not in run_side
        and not any(
            isinstance(v, ast.Call) and getattr(v.func, "id", "") == "Suite"
            for v in [getattr(n, "value", None)]
        )
    ]
    shared = sorted({name for n in closure(judge_roots) if n in run_side for name in _defined(n)})
    suite_node = next(n for n in others if "suite" in _defined(n))
    scen = [
        '"""What is run for the hidden cases of this exercise: scenarios and the helpers they use.',
        "",
        "Each function drives the student's module ``m``; a worker receives one of them at a time",
        "(with the helpers it uses), never the expected values, checks or hints of hidden_tests.py.",
        '"""',
        "",
    ]
    scen += [seg(n) for n in imports if "Suite" not in seg(n) or "import Suite" not in seg(n)]
    scen.append("")
    for node in sorted(run_side + run_roots, key=lambda n: n.lineno):
        decorators = [d for d in getattr(node, "decorator_list", []) if not _is_case(d)]
        scen += [
            "",
            *("@" + seg(d) for d in decorators),
            ast.unparse(node) if node in run_roots else seg(node),
            "",
        ]
    judge = [seg(doc) if doc else '"""Hidden tests: what is judged."""', ""]
    judge += [seg(n) for n in imports]
    judge += [
        "from autograder.spec import load_beside",
        "",
        seg(suite_node),
        'scenarios = load_beside(__file__, "scenarios")',
    ]
    judge += [f"{name} = scenarios.{name}" for name in shared]
    for node in sorted(judge_side, key=lambda n: n.lineno):
        judge += ["", "", seg(node)]
    for c in cases:
        for d in c.decorator_list:
            if _is_case(d):
                call = seg(d)
                call = call[:-1].rstrip().rstrip(",") + f", run=scenarios.{c.name})"
                judge += ["", call]
    path.with_name("scenarios.py").write_text("\n".join(scen).rstrip() + "\n", encoding="utf-8")
    path.write_text("\n".join(judge).rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        split(Path(arg))
