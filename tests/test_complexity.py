"""One job per function: radon's cyclomatic complexity stays low enough to read top to bottom."""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit

ENGINE = Path(__file__).resolve().parent.parent / "autograder"
CEILING = 20  # no function above this, whatever its reason
PUBLIC_LIMIT = 15  # a public function above this says why, in a comment starting "# complexity:"


def _blocks():
    for path in sorted(ENGINE.rglob("*.py")):
        if "suites" in path.relative_to(ENGINE).parts:
            continue  # exercise code (scenarios, mistakes) is the course's, not the engine's
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        seen = set()
        for block in cc_visit(source):
            for item in [block, *getattr(block, "methods", [])]:
                if (item.lineno, item.name) in seen:
                    continue  # radon lists a method both in its class and on its own
                seen.add((item.lineno, item.name))
                body = "\n".join(lines[max(0, item.lineno - 3) : item.endline])
                yield f"{path.relative_to(ENGINE)}:{item.lineno} {item.name}", item, body


def _public(name: str) -> bool:
    return not name.startswith("_")


def offenders(blocks) -> tuple[list[str], list[str]]:
    over, unexplained = [], []
    for where, item, body in blocks:
        if item.complexity > CEILING:
            over.append(f"{where} ({item.complexity})")
        elif item.complexity > PUBLIC_LIMIT and _public(item.name) and "# complexity:" not in body:
            unexplained.append(f"{where} ({item.complexity})")
    return over, unexplained


def test_no_function_is_above_the_ceiling_and_complex_public_ones_say_why():
    blocks = list(_blocks())
    assert len(blocks) > 300
    over, unexplained = offenders(blocks)
    assert over == [], "split these into functions of one job each"
    assert unexplained == [], "split these, or say in a '# complexity:' comment why they stay whole"


def test_the_check_catches_a_tangled_function():
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(25))
    source = f"def tangled(x):\n{branches}\n    return -1\n"
    blocks = [(f"t:{b.lineno} {b.name}", b, source) for b in cc_visit(source)]
    assert offenders(blocks)[0] == ["t:1 tangled (26)"]
