"""IPython magics and shell lines in a notebook cell, replaced by ``pass`` before grading.

Grading runs a notebook's cells as plain Python, where ``%time f()`` or ``!pip install x`` are
syntax errors. IPython's own input transformer decides what is a magic, as Jupyter does: a
``%`` that continues an expression (``x = (a\\n  % b)``) is the modulo operator, not a magic.
The student bundle may come without IPython; then a line is a magic only where a statement
starts (not inside brackets, a string or after a backslash), judged by Python's tokenizer.

Line numbers are kept: each removed line becomes ``pass`` (its first line) or an empty line, so
a traceback points at the line the student sees in the notebook.
"""

from __future__ import annotations

import difflib
import io
import re
import tokenize

PLACEHOLDER = "pass  # nnkit: magic/shell line removed"

_ESCAPE = re.compile(r"^(\s*)(%|!)")
_ASSIGN_ESCAPE = re.compile(r"^(\s*)[\w.,\s]+=\s*[!%]")


def strip_magics(source: str, use_ipython: bool = True) -> tuple[str, list[str]]:
    """``source`` with its magics and shell lines replaced, and those lines as written.

    ``use_ipython=False`` forces the tokenizer fallback (what the bundle does without IPython).
    """
    if source.lstrip().startswith("%%"):  # a cell magic owns the whole cell
        lines = source.splitlines()
        first = next(n for n, line in enumerate(lines) if line.strip())
        kept = ["" if n != first else PLACEHOLDER for n in range(len(lines))]
        return "\n".join(kept) + "\n", [lines[first].strip()]
    transformer = _ipython_transformer() if use_ipython else None
    if transformer is None:
        return _strip_by_tokens(source)
    return _strip_by_ipython(source, transformer)


def _ipython_transformer():
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:
        return None
    return TransformerManager()


def _strip_by_ipython(source: str, transformer) -> tuple[str, list[str]]:
    """Align IPython's rewrite with the original, line by line, and blank what became a call.

    IPython rewrites a magic into ``get_ipython().…(...)`` and may join a backslash-continued
    magic into one line; every block it changed into such a call is replaced by ``pass`` plus
    empty lines, so the cell keeps its length. Other changes (IPython also removes a uniform
    indentation and ``>>>`` prompts, as Jupyter would) are taken as IPython wrote them.
    """
    try:
        rewritten = transformer.transform_cell(source)
    except Exception:  # IPython gives up on some broken cells; Python will say what is wrong
        return source if source.endswith("\n") else source + "\n", []
    before, after = source.splitlines(), rewritten.splitlines()
    out: list[str] = []
    dropped: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            out += before[i1:i2]
            continue
        new = after[j1:j2]
        if op == "delete":  # IPython drops leading empty lines: keep them, for the line numbers
            out += before[i1:i2]
        elif not any("get_ipython()" in line for line in new):
            out += new
        elif i2 - i1 == j2 - j1:  # line for line (a dedented cell, say): blank only the calls
            for old_line, new_line in zip(before[i1:i2], new):
                if "get_ipython()" in new_line:
                    out.append(re.match(r"\s*", new_line).group(0) + PLACEHOLDER)
                    dropped.append(old_line.strip())
                else:
                    out.append(new_line)
        elif i2 > i1:  # a magic continued over several lines, joined by IPython
            out += [re.match(r"\s*", new[0]).group(0) + PLACEHOLDER] + [""] * (i2 - i1 - 1)
            dropped.append(before[i1].strip())
    return "\n".join(out) + "\n", dropped


def _strip_by_tokens(source: str) -> tuple[str, list[str]]:
    lines = source.splitlines()
    dropped = []
    continued = False  # the previous line was a magic ending in a backslash
    for n, line in enumerate(lines):
        if continued:
            continued, lines[n] = line.endswith("\\"), ""
            continue
        match = _ESCAPE.match(line) or _ASSIGN_ESCAPE.match(line)
        if match and _starts_statement(lines[:n]):
            dropped.append(line.strip())
            continued, lines[n] = line.endswith("\\"), match.group(1) + PLACEHOLDER
    return "\n".join(lines) + "\n", dropped


def _starts_statement(before: list[str]) -> bool:
    """Whether the line after ``before`` begins a new statement (earlier magics already replaced)."""
    text = "\n".join(before) + "\n"
    try:
        for _ in tokenize.generate_tokens(io.StringIO(text).readline):
            pass
    except tokenize.TokenError:  # end of input inside brackets, a string or after a backslash
        return False
    except (SyntaxError, ValueError):  # broken code above: leave the judgement to the line itself
        return True
    return True
