"""Text transforms of ``assign``: the master module split into reference and stub, rule tags,
hidden cases declared on their scenario, and variants written as edits of the reference.

Pure functions on strings; :mod:`autograder.authoring.assign` reads the master folder, writes
the generated files and checks them.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib

from autograder.core.errors import UserError

LINE = 110  # the project's line length (pyproject.toml [tool.ruff])

# ---- the master module: reference and stub in one file ------------------------------------------

BEGIN = re.compile(r"^(\s*)# BEGIN (SOLUTION|STUB|REFERENCE)\b ?(.*)$")
END = re.compile(r"^\s*# END (SOLUTION|STUB|REFERENCE)\s*$")
RULE_TAG = re.compile(r"\[\[([A-Za-z0-9_]+): (.+?)\]\](?!\])")


def rule_phrases(master: str) -> tuple[str, dict[str, str]]:
    """The master without its rule tags, and each rule's phrase: ``[[id: phrase]]`` reads
    ``phrase`` in the stub and gives the rule ``id`` its ``doc``."""
    found: dict[str, str] = {}

    def strip(match: re.Match) -> str:
        rule, phrase = match.group(1), match.group(2)
        if rule in found:
            raise UserError(f"규칙 {rule}이(가) 두 번 표시됨", f"rule {rule} is tagged twice")
        found[rule] = phrase
        return phrase

    return RULE_TAG.sub(strip, master), found


def split_master(master: str, where: str) -> tuple[str, str]:
    """(reference, stub) from the master module.

    ``# BEGIN SOLUTION [message]`` ... ``# END SOLUTION``: the reference keeps the lines, the stub
    has ``raise NotImplementedError("<message>")`` instead, indented like the marker (default ``Task N.k: <function>``,
    N.k the first ``Task N.k`` after the enclosing ``def``). ``STUB`` and ``REFERENCE`` blocks:
    lines only one of the two has. Every other line is in both.
    """
    reference: list[str] = []
    stub: list[str] = []
    lines = master.splitlines(keepends=True)
    block, start, message, solution = None, 0, "", []
    for number, line in enumerate(lines, 1):
        begin, end = BEGIN.match(line), END.match(line)
        if begin:
            if block:
                raise _marker_error(where, number, f"# BEGIN {begin.group(2)} inside # BEGIN {block}")
            block, start, message, solution = begin.group(2), number, begin.group(3).strip(), []
            continue
        if end:
            if end.group(1) != block:
                raise _marker_error(where, number, f"# END {end.group(1)} without its # BEGIN")
            if block == "SOLUTION":
                reference += solution
                indent = BEGIN.match(lines[start - 1]).group(1)
                text = message or _task_message(lines[: start - 1], where, start)
                stub.append(f'{indent}raise NotImplementedError("{text}")\n')
            block = None
            continue
        if block == "SOLUTION":
            solution.append(line)
        elif block == "STUB":
            stub.append(line)
        elif block == "REFERENCE":
            reference.append(line)
        else:
            reference.append(line)
            stub.append(line)
    if block:
        raise _marker_error(where, start, f"# BEGIN {block} without # END {block}")
    return "".join(reference), "".join(stub)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _task_message(before: list[str], where: str, number: int) -> str:
    for i in range(len(before) - 1, -1, -1):
        found = re.match(r"\s*def (\w+)\(", before[i])
        if found:
            task = re.search(r"Task (\d+\.\d+)", "".join(before[i:]))
            if task:
                return f"Task {task.group(1)}: {found.group(1)}"
            break
    raise _marker_error(
        where, number, "no 'Task N.k' in the function's docstring: write # BEGIN SOLUTION <message>"
    )


def _marker_error(where: str, number: int, problem: str) -> UserError:
    return UserError(f"{where}:{number}: 표시 오류: {problem}", f"{where}:{number}: marker error: {problem}")


def expand_tables(toml: str, phrases: dict[str, str], where: str) -> str:
    """The master ``exercise.toml`` as the registry reads it: its one-line ``[tasks]`` and
    ``[rules]`` entries (``"1.1" = { name = ..., ... }``) as ``[[tasks]]`` and ``[[rules]]``
    blocks, each rule with ``doc = "<phrase>"`` from its tag in the master module."""
    out: list[str] = []
    section = None
    seen: set[str] = set()
    for line in toml.splitlines(keepends=True):
        stripped = line.strip()
        if stripped in ("[tasks]", "[rules]"):
            section = stripped[1:-1]
            continue
        if stripped.startswith(("[", "#")):
            section = None
        if section is None or not stripped:
            out.append(line)
            continue
        try:
            ((key, entry),) = tomllib.loads(line).items()
        except (tomllib.TOMLDecodeError, ValueError):
            raise UserError(
                f"{where}: [{section}]의 한 줄은 key = {{ ... }} 입니다: {stripped}",
                f"{where}: a [{section}] line is key = {{ ... }}: {stripped}",
            ) from None
        if section == "rules" and key in phrases:
            keys = list(entry)
            at = keys.index("task") + 1 if "task" in keys else len(keys)
            entry = dict([*list(entry.items())[:at], ("doc", phrases[key]), *list(entry.items())[at:]])
            seen.add(key)
        block = "".join(f"{k} = {_toml_value(v)}\n" for k, v in {"id": key, **entry}.items())
        if out and out[-1].startswith(f"[[{section}]]"):
            out.append("\n")  # blocks one blank line apart
        out.append(f"[[{section}]]\n{block}")
    missing = sorted(set(phrases) - seen)
    if missing:
        raise UserError(
            f"{where}: 표시된 규칙 {missing}이(가) exercise.toml [rules]에 없습니다",
            f"{where}: tagged rule(s) {missing} have no [rules] entry (task, ko, en) in exercise.toml",
        )
    return "".join(out)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


# ---- the declaration file: public cases, hidden cases and what the worker runs -----------------

SECTION = re.compile(r"^# === (public|hidden|scenarios|staff|demo|reproduce)\b.*$")
#: sections every ``cases.py`` has; ``staff``, ``demo`` and ``reproduce`` are optional
NEEDED = {"public", "hidden", "scenarios"}


def split_cases(text: str, where: str) -> dict[str, str]:
    """The sections of ``cases.py``, each begun by a ``# === <name>`` line: ``public``, ``hidden``
    and ``scenarios``, and optionally ``staff`` (helpers public and hidden scenarios share),
    ``demo`` (the notebook's "Try it" cells) and ``reproduce`` (the lecture's runs)."""
    parts: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines(keepends=True):
        found = SECTION.match(line)
        if found:
            current = found.group(1)
            parts[current] = []
        elif current is None:
            if line.strip():
                raise UserError(
                    f"{where}: 첫 줄은 '# === public' 이어야 합니다",
                    f"{where}: must begin with '# === public'",
                )
        else:
            parts[current].append(line)
    if not NEEDED <= set(parts):
        raise UserError(
            f"{where}: '# === public', '# === hidden', '# === scenarios' 구역이 모두 필요합니다",
            f"{where}: needs the sections '# === public', '# === hidden' and '# === scenarios'",
        )
    return {k: "".join(v).rstrip("\n") + "\n" for k, v in parts.items()}


def hidden_cases(scenarios: str) -> tuple[str, list[str]]:
    """Scenarios without their ``@hidden(...)`` decorators, and the ``suite.case(...)`` each
    stands for (``run=scenarios.<name>`` added), in file order."""
    tree = ast.parse(scenarios)
    lines = scenarios.splitlines(keepends=True)
    cases, cut = [], []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for deco in node.decorator_list:
            if isinstance(deco, ast.Call) and getattr(deco.func, "id", "") == "hidden":
                cases.append(_case_call(scenarios, deco, node.name))
                cut.append((deco.lineno, deco.end_lineno))
    for first, last in reversed(cut):
        del lines[first - 1 : last]
    return "".join(lines), cases


def _case_call(text: str, deco: ast.Call, name: str) -> str:
    args = [ast.get_source_segment(text, a) for a in deco.args]
    args += [ast.get_source_segment(text, k) for k in deco.keywords]
    args.append(f"run=scenarios.{name}")
    one = f"suite.case({', '.join(args)})"
    if deco.lineno == deco.end_lineno and len(one) <= LINE and "\n" not in one:
        return one + "\n"
    inner = "".join(f"    {a},\n" for a in args)
    return f"suite.case(\n{inner})\n"


# ---- variants: mistakes and labelled submissions as edits of the reference ---------------------


def apply_edit(base: str, edit: str, where: str) -> str:
    """``base`` with the hunks of ``edit`` applied in order.

    A hunk begins with a ``@@`` line (the rest of it is a note for the reader); ``-`` lines are
    taken out, ``+`` lines put in, `` `` lines (or empty ones) are context kept as they are. The
    lines to take out and the context must follow one another in ``base`` after the previous hunk.
    """
    lines = base.splitlines(keepends=True)
    out: list[str] = []
    pos = 0
    for number, hunk in enumerate(_hunks(edit, where), 1):
        old = [text for kind, text in hunk if kind != "+"]
        new = [text for kind, text in hunk if kind != "-"]
        at = _find(lines, old, pos)
        if at is None:
            shown = "".join(old).rstrip("\n") or "(nothing)"
            raise UserError(
                f"{where}: 편집 {number}번이 더 이상 맞지 않습니다: 모범 답안에 다음 줄이 없습니다\n{shown}",
                f"{where}: edit hunk {number} no longer applies: the reference has no lines\n{shown}",
            )
        out += lines[pos:at] + new
        pos = at + len(old)
    return "".join(out + lines[pos:])


def _hunks(edit: str, where: str) -> list[list[tuple[str, str]]]:
    hunks: list[list[tuple[str, str]]] = []
    for line in edit.splitlines():
        if line.startswith("@@"):
            hunks.append([])
            continue
        if not hunks:
            if line.strip():
                raise UserError(
                    f"{where}: 편집은 '@@' 줄로 시작합니다", f"{where}: an edit begins with an '@@' line"
                )
            continue
        kind, text = (line[0], line[1:]) if line else (" ", "")
        if kind not in " +-":
            raise UserError(
                f"{where}: 편집 줄은 ' ', '+', '-' 로 시작합니다: {line!r}",
                f"{where}: an edit line begins with ' ', '+' or '-': {line!r}",
            )
        hunks[-1].append((kind, text + "\n"))
    for hunk in hunks:
        if not any(kind != "+" for kind, _ in hunk):
            raise UserError(
                f"{where}: 넣기만 하는 편집에는 앞 줄(' ')이 필요합니다",
                f"{where}: a hunk that only adds lines needs a context line (' ') to place them",
            )
    return hunks


def _find(lines: list[str], old: list[str], start: int) -> int | None:
    for at in range(start, len(lines) - len(old) + 1):
        if lines[at : at + len(old)] == old:
            return at
    return None


def make_edit(base: str, target: str) -> str:
    """The edit that turns ``base`` into ``target`` (for converting hand-written variants): each
    hunk has the context lines before it that it needs to be found where it belongs."""
    import difflib

    a, b = base.splitlines(keepends=True), target.splitlines(keepends=True)
    hunks, pos = [], 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        context = 0 if i1 < i2 else 1
        while i1 - context > pos and _find(a, a[i1 - context : i2], pos) != i1 - context:
            context += 1
        if i1 - context < pos or (i1 == i2 and i1 == 0):
            raise ValueError("no context places this hunk")
        lines = (
            [" " + x for x in a[i1 - context : i1]]
            + ["-" + x for x in a[i1:i2]]
            + ["+" + x for x in b[j1:j2]]
        )
        hunks.append("@@\n" + "".join(x if x.endswith("\n") else x + "\n" for x in lines))
        pos = i2
    edit = "".join(hunks)
    if apply_edit(base, edit, "make_edit") != target:
        raise ValueError("edit does not round-trip")
    return edit


def top_definitions(source: str) -> dict[str, str]:
    """Top-level functions and classes of ``source`` by name, and ``Class.method`` for methods,
    as source text (decorators included; methods dedented)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    found: dict[str, str] = {}

    def text(node: ast.AST, dedent: int = 0) -> str:
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        return "".join(line[dedent:] for line in lines[first - 1 : node.end_lineno])

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            found[node.name] = text(node)
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    found[f"{node.name}.{item.name}"] = text(item, item.col_offset)
    return found


def head_imports(source: str) -> str:
    """The import lines at the top of ``source`` (after its docstring), as written."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    out = []
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and not out:
            continue
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            break
        out += lines[node.lineno - 1 : node.end_lineno]
    return "".join(out)


def py_value(value: object, indent: str, key: str = "") -> str:
    """A str, bool or list of str as ruff writes it (one line, or one item a line)."""
    if isinstance(value, list):
        one = "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
        if len(f"{indent}{key}{one},") <= LINE:
            return one
        items = "".join(f"{indent}    {json.dumps(v, ensure_ascii=False)},\n" for v in value)
        return f"[\n{items}{indent}]"
    if isinstance(value, bool):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def mistake_base(reference: str, doc: str, meta: dict, replaces: list[str]) -> str:
    """What a mistake file is before its edit: its docstring, the reference's imports, its
    ``MISTAKE`` dict and the reference's definitions it replaces (a method ``C.m`` as a function
    ``_m`` assigned to ``C.m``)."""
    definitions = top_definitions(reference)
    methods = [r for r in replaces if "." in r]
    head = _docstring(doc) + "\n\n"
    imports = head_imports(reference)
    head += imports + ("\n" if imports else "")
    body = "".join(f'    "{k}": {py_value(v, "    ", f"{k!r}: ")},\n' for k, v in meta.items())
    blocks = []
    for name in replaces:
        if name not in definitions:
            raise UserError(
                f"모범 답안에 {name}이(가) 없습니다 (replaces)", f"the reference defines no {name} (replaces)"
            )
        code = definitions[name]
        if "." in name:
            code = re.sub(r"^def \w+\(", f"def _{name.split('.')[1]}(", code, count=1, flags=re.M)
        blocks.append(code)
    tail = "".join(f"{m} = _{m.split('.')[1]}\n" for m in methods)
    return head + "MISTAKE = {\n" + body + "}\n\n\n" + "\n\n".join(blocks) + ("\n\n" + tail if tail else "")


def labelled_base(reference: str, doc: str, hints: list[str]) -> str:
    """What a labelled submission is before its edit: the reference with its own docstring and
    ``EXPECTED_HINTS`` after the imports."""
    tree = ast.parse(reference)
    lines = reference.splitlines(keepends=True)
    imports = head_imports(reference)
    last = max((n.end_lineno for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))), default=0)
    if not imports:
        last = tree.body[0].end_lineno if ast.get_docstring(tree) else 0
    rest = "".join(lines[last:]).lstrip("\n")
    value = py_value(hints, "", "EXPECTED_HINTS = ")
    return f"{_docstring(doc)}\n\n{imports}\nEXPECTED_HINTS = {value}\n\n\n{rest}"


def _docstring(doc: str) -> str:
    return ("r" if "\\" in doc else "") + f'"""{doc}"""'
