"""Student notebooks, generated from each stub (never edited by hand).

``python -m autograder notebooks`` writes ``assignments/<id>/<module>.ipynb``; a test fails when
a committed notebook differs from what the stub generates now.

The grading rule for notebooks: nnkit runs the code cells in order as a module named after the
exercise, so ``__name__`` is never ``"__main__"`` while grading, while in Jupyter it is. Every
cell that loads data, trains, plots or self-checks is therefore written under
``if __name__ == "__main__":``: it runs when the student presses Run and costs nothing when
the notebook is graded. Students are told to do the same with their own experiments.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from autograder.exercises import Exercise

GUARD = 'if __name__ == "__main__":  # 채점할 때는 실행되지 않습니다 · skipped when graded\n'

INTRO = """
## 노트북 사용법 · How to use this notebook
- `raise NotImplementedError(...)` 를 지우고 코드를 채우세요. 셀 순서대로 실행됩니다.
  Replace each `raise NotImplementedError(...)` with your code; cells run in order.
- 데이터를 불러오고, 학습하고, 그림을 그리는 셀은 `if __name__ == "__main__":` 아래에 둡니다.
  Jupyter 에서는 실행되지만 채점할 때는 건너뜁니다. 여러분의 실험 코드도 그렇게 하세요.
  Cells that load data, train or plot sit under `if __name__ == "__main__":`: they run in
  Jupyter and are skipped when grading. Do the same with your own experiments.
- `%매직` 과 `!셸` 줄은 채점할 때 실행되지 않습니다. · Magics and `!shell` lines are not run when graded.
- 마지막 셀이 공개 테스트로 자가 점검합니다 (먼저 저장하세요). · The last cell self-checks (save first).
"""

#: Demonstration cells per exercise (run in Jupyter only). Kept small: seconds, not minutes.
DEMOS: dict[str, list[str]] = {
    "loss_functions": [
        "(x_train, t_train), _ = load_mnist()\n"
        "show_mnist(x_train[:10], t_train[:10], title='MNIST')\n"
        "y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])\n"
        "t = np.eye(10)[2]\n"
        "print(mean_squared_error(y, t), cross_entropy_error(y, t), softmax(np.array([0.3, 2.9, 4.0])))",
    ],
    "numerical_gradient": [
        "f = lambda x: 0.01 * x**2 + 0.1 * x\n"
        "xs = np.arange(0.0, 20.0, 0.1)\n"
        "plt.plot(xs, f(xs), label='f'); plt.plot(xs, numerical_diff(f, 5) * (xs - 5) + f(5), label='tangent at 5')\n"
        "plt.legend(); plt.show()\n"
        "x, history = gradient_descent(lambda x: x[0] ** 2 + x[1] ** 2, np.array([-3.0, 4.0]), lr=0.1)\n"
        "plt.plot(history[:, 0], history[:, 1], 'o-'); plt.title('gradient descent'); plt.show()",
    ],
    "two_layer_net": [
        "(x_train, t_train), (x_test, t_test) = load_mnist(one_hot_label=True)\n"
        "net = TwoLayerNet(784, 50, 10)\n"
        "history = train_neuralnet(net, x_train, t_train, x_test, t_test, iters_num=600)\n"
        "plot_history(history)",
    ],
    "minibatch_fit": [
        "(x_train, t_train), (x_test, t_test) = load_mnist()\n"
        "nn = MnistMiniBatch(784, 100, 10, eta=2.0, epochs=5, batch_size=32)\n"
        "nn.fit(x_train[:1000], t_train[:1000])\n"
        "print('test accuracy', nn.evaluate(x_test[:100], t_test[:100]), '%')\n"
        "plt.plot(nn.cost_); plt.title('cost per update'); plt.show()",
    ],
    "dropout": [
        "(x_train, t_train), (x_test, t_test) = load_mnist()\n"
        "nn = MnistMiniBatchDropout(784, 100, 10, eta=0.1, epochs=3, dropout_ratio=0.5)\n"
        "nn.fit(x_train[:1000], t_train[:1000])\n"
        "print('test accuracy', nn.evaluate(x_test[:200], t_test[:200]), '%')\n"
        "plt.plot(nn.cost_); plt.title('cost per update'); plt.show()",
    ],
    "dnn_backprop": [
        "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])\n"
        "y = np.array([0, 1, 1, 0])\n"
        "nn = DeepNeuralNet([2, 4, 1], eta=2.0, epochs=5000)\n"
        "nn.fit(X, y)\n"
        "gx, gy = np.meshgrid(np.linspace(-0.5, 1.5, 100), np.linspace(-0.5, 1.5, 100))\n"
        "grid = np.c_[gx.ravel(), gy.ravel()]\n"
        "plt.contourf(gx, gy, nn.predict(grid).reshape(gx.shape), levels=20, cmap='RdBu')\n"
        "plt.scatter(X[:, 0], X[:, 1], c=y, cmap='RdBu', edgecolors='k'); plt.title('XOR decision regions'); plt.show()\n"
        "plt.plot(nn.cost_); plt.title('cost'); plt.show()",
    ],
    "dict_homework": [
        "print(get_special_students({'Darius': 100, 'Dr. Mundo': 80, 'Morgana': 60, 'Sivir': 75, 'Yummi': 20, 'Viktor': 97}))\n"
        "print(word_index_count('Apple is fruit. Orange is also fruit. Tomato is fruit?'))",
    ],
}

SETUP = (
    "import numpy as np\n"
    "import matplotlib.pyplot as plt\n"
    "from nnkit_data import load_mnist, load_fashion_mnist, one_hot_encoding, show_mnist"
)


def _guarded(code: str) -> str:
    return GUARD + "".join(f"    {line}\n" if line else "\n" for line in code.splitlines())


def _cell(kind: str, source: str, ident: str) -> dict:
    cell = {"cell_type": kind, "id": ident, "metadata": {}, "source": source.strip("\n")}
    if kind == "code":
        cell |= {"execution_count": None, "outputs": []}
    return cell


def notebook(exercise: Exercise, stub_source: str | None = None) -> dict:
    """The notebook for ``exercise``, from ``stub_source`` (default: the stub)."""
    source = stub_source if stub_source is not None else exercise.stub_path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    doc = ast.get_docstring(tree) or ""
    cells = [_cell("markdown", f"# {exercise.title.ko} · {exercise.title.en}\n\n{doc}\n{INTRO}", "intro")]
    body = [
        n
        for n in tree.body
        if not (isinstance(n, ast.Expr) and isinstance(getattr(n, "value", None), ast.Constant))
    ]
    imports = [n for n in body if isinstance(n, ast.Import | ast.ImportFrom)]
    head = "\n".join(ast.get_source_segment(source, n) for n in imports)
    cells.append(_cell("code", head + "\n" + SETUP if head else SETUP, "setup"))
    for n, node in enumerate(x for x in body if x not in imports):
        first = node.decorator_list[0].lineno if getattr(node, "decorator_list", None) else node.lineno
        text = "\n".join(lines[first - 1 : node.end_lineno])
        name = getattr(node, "name", None)
        if name:
            summary = (ast.get_docstring(node) or "").split("\n")[0]
            cells.append(_cell("markdown", f"### `{name}`\n{summary}", f"about-{n}"))
        cells.append(_cell("code", text, f"code-{n}"))
    for n, demo in enumerate(DEMOS.get(exercise.id, [])):
        cells.append(_cell("markdown", "## 실행해 보기 · Try it (Jupyter only)", f"demo-about-{n}"))
        cells.append(_cell("code", _guarded(demo), f"demo-{n}"))
    check = (
        "import os, subprocess, sys\n"
        "root = next(p for p in [os.getcwd(), *map(str, __import__('pathlib').Path.cwd().parents)]\n"
        "            if os.path.isdir(os.path.join(p, 'autograder')))\n"
        f"done = subprocess.run([sys.executable, '-m', 'autograder', 'check', {exercise.id!r},\n"
        f"                       os.path.abspath({exercise.module + '.ipynb'!r})], cwd=root, capture_output=True, text=True)\n"
        "print(done.stdout, done.stderr)"
    )
    cells.append(_cell("markdown", "## 자가 점검 · Self-check (저장한 뒤 실행 · save first)", "check-about"))
    cells.append(_cell("code", _guarded(check), "check"))
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "nnkit": {
                "exercise": exercise.id,
                "generated_from": f"assignments/{exercise.id}/{exercise.filename}",
            },
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def notebook_text(exercise: Exercise, stub_source: str | None = None) -> str:
    return json.dumps(notebook(exercise, stub_source), ensure_ascii=False, indent=1) + "\n"


def notebook_path(exercise: Exercise) -> Path:
    return exercise.stub_path.with_suffix(".ipynb")


def write_notebooks(exercises: list[Exercise]) -> list[Path]:
    written = []
    for e in exercises:
        path = notebook_path(e)
        path.write_text(notebook_text(e), encoding="utf-8")
        written.append(path)
    return written
