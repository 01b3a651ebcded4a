# === public: assignments/dropout/public_tests.py (what students get and run)
"""Public tests, exercise 5 (dropout): a tiny 4-5-2 network by hand, mask seeded by the test.

Run them with ``python -m autograder check dropout [your_file.py]``.
"""

import numpy as np
from dropout_staff import floats, forpass_check, forpass_outputs, mask_of

from autograder.runtime.spec import Hint, Msg, Suite

suite = Suite("dropout", hidden=False)

# Three samples of four features, two classes; fixed weights replace the random start.
X = np.array([[0.0, 0.5, 1.0, 0.2], [1.0, 0.1, 0.0, 0.3], [0.4, 0.4, 0.9, 0.0]])
Y = np.array([0, 1, 0])
W1 = np.array(
    [
        [0.5, -0.3, 0.8, 0.1],
        [-0.6, 0.9, 0.2, -0.4],
        [0.3, 0.3, -0.7, 0.6],
        [0.1, -0.8, 0.4, 0.5],
        [-0.2, 0.6, 0.6, -0.9],
    ]
)
W2 = np.array([[0.7, -0.5, 0.4, 0.2, -0.3], [-0.2, 0.6, -0.9, 0.5, 0.1]])
RATIO = 0.25


def small_net(m, **kw):
    net = m.MnistMiniBatchDropout(4, 5, 2, eta=0.5, epochs=1, dropout_ratio=RATIO, **kw)
    net.W1, net.W2 = W1.copy(), W2.copy()
    return net


def _mask(value):
    """The mask in a case's value: the value itself, or its ``drop_units``."""
    return value["drop_units"] if isinstance(value, dict) else value


def _sigmoid(z):
    with np.errstate(all="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def forward_factor(got):
    """How much the student's kept units exceed g(Z1) of their own Z1 (1/(1 − ratio) when right),
    or None when A1 is not one factor times g(Z1) on the kept units, or nothing was dropped."""
    Z1, A1 = np.asarray(got["Z1"], dtype=float), np.asarray(got["A1"], dtype=float)
    plain = _sigmoid(Z1)
    if A1.shape != plain.shape or not np.any(A1 == 0):
        return None
    kept = A1 != 0
    ratio = A1[kept] / plain[kept]
    return float(ratio[0]) if ratio.size and np.allclose(ratio, ratio[0], rtol=1e-6) else None


def _scaled(factor_of):
    """A hint predicate: the kept units are g(Z1) times ``factor_of(dropout_ratio)``."""

    def when(got, want):
        factor = forward_factor(got)
        p = want["dropout_ratio"]
        return factor is not None and not np.isclose(p, 0.5) and np.isclose(factor, factor_of(p))

    return when


def _mask_array(got):
    mask = _mask(got)
    return np.asarray(mask) if isinstance(mask, np.ndarray) else None


def _drawn_twice(got, want):
    """A1 is dropped where the stored mask keeps (or the reverse): forpass drew two masks, used one
    and stored the other."""
    mask, A1 = _mask_array(got), np.asarray(got["A1"], dtype=float)
    if mask is None or mask.shape != A1.shape:
        return False
    return bool(np.any((A1 != 0) != mask.astype(bool)))


def _column_mask(got, want):
    mask = _mask_array(got)
    return mask is not None and mask.shape == (_mask(want).shape[0], 1)


def _other_draw(got, want):
    """A mask of the right shape that A1 follows, neither the one np.random.rand(*A1.shape) >
    dropout_ratio draws nor its inverse: another generator or formula (np.random.binomial, ...)."""
    mask, right = _mask_array(got), _mask(want)
    if mask is None or mask.shape != right.shape or _drawn_twice(got, want):
        return False
    mask = mask.astype(bool)
    return not np.array_equal(mask, right) and not np.array_equal(mask, ~right)


TRAIN_HINTS = [
    Hint(
        "no_scaling",
        "역드롭아웃은 남긴 값을 1 − dropout_ratio로 나눕니다: A1 * self.drop_units / (1 - self.dropout_ratio). "
        "그래야 학습 때와 예측 때 A1의 기댓값이 같습니다.",
        "Inverted dropout divides the kept values by 1 − dropout_ratio: A1 * self.drop_units / "
        "(1 - self.dropout_ratio), so that A1 has the same expected value in training and prediction.",
        when=_scaled(lambda p: 1.0),
    ),
    Hint(
        "drop_ratio_division",
        "dropout_ratio로 나누었나요? 강의의 코드는 dropout_ratio = 0.5일 때만 맞습니다. "
        "남기는 비율 1 − dropout_ratio로 나누어야 A1의 기댓값이 그대로입니다 (순전파와 역전파 모두).",
        "Did you divide by dropout_ratio? The lecture's code is right only at dropout_ratio = 0.5. "
        "Divide by the keep ratio 1 − dropout_ratio so that A1 keeps its expected value (forward and backward).",
        when=_scaled(lambda p: 1.0 / p),
    ),
]
MASK_HINTS = [
    Hint(
        "mask_not_stored",
        "마스크를 self.drop_units에 보관하세요. fit의 역전파가 같은 마스크를 써야 합니다.",
        "Keep the mask in self.drop_units: fit's backward step needs the same mask.",
        when=lambda got, want: _mask(got) is None,
    ),
    Hint(
        "inverted_mask",
        "마스크가 뒤집혔습니다: 남기는 유닛이 True인 np.random.rand(*A1.shape) > dropout_ratio 입니다 "
        "(dropout_ratio는 버리는 비율).",
        "The mask is inverted: the kept units are np.random.rand(*A1.shape) > dropout_ratio "
        "(dropout_ratio is the fraction dropped).",
        when=lambda got, want: np.array_equal(_mask(got), ~_mask(want)),
    ),
    Hint(
        "mask_drawn_twice",
        "A1에서 0이 된 유닛과 self.drop_units가 다릅니다: forpass에서 마스크를 두 번 뽑았나요? "
        "한 번만 뽑아 self.drop_units에 넣고, 그 마스크로 A1을 곱하세요.",
        "The units zeroed in A1 are not those of self.drop_units: did forpass draw the mask twice? "
        "Draw it once, store it in self.drop_units and multiply A1 by that mask.",
        when=_drawn_twice,
    ),
    Hint(
        "mask_shape",
        "마스크의 모양이 (n_h, 1)입니다: 그러면 배치의 모든 샘플이 같은 유닛을 버립니다. "
        "np.random.rand(*A1.shape)로 (n_h, m) 마스크를 뽑으세요 (샘플마다 따로).",
        "The mask has shape (n_h, 1), so every sample of the batch drops the same units. "
        "Draw an (n_h, m) mask with np.random.rand(*A1.shape) (one per sample).",
        when=_column_mask,
    ),
    Hint(
        "mask_formula",
        "마스크는 정확히 np.random.rand(*A1.shape) > self.dropout_ratio로 뽑습니다. np.random.binomial이나 "
        "다른 생성기는 분포는 맞아도 다른 수를 뽑으므로, 채점기가 정한 np.random.seed와 맞지 않습니다.",
        "Draw the mask exactly as np.random.rand(*A1.shape) > self.dropout_ratio. np.random.binomial or "
        "another generator has the right distribution but draws other numbers than the grader's np.random.seed.",
        when=_other_draw,
    ),
]
TEST_TIME = Hint(
    "dropout_at_test",
    "train=False (predict, evaluate)이면 드롭아웃도 스케일링도 하지 마세요: if train: 안에서만 마스크를 씁니다.",
    "With train=False (predict, evaluate) apply neither dropout nor scaling: use the mask only inside if train:.",
    when=lambda got, want: bool(np.any(got["A1"] == 0)) and not np.any(want["A1"] == 0),
)


def _wrong_cost_formula(got, want):
    """The first entry comes from the given weights (before any update), so it tells the
    formula apart from the update: is it ½·Σ/m_b with the ½ or the /m_b left out, or √Σ?"""
    first, m = float(got["cost_"][0]), want["first_batch"]
    right = float(want["cost_"][0])
    variants = [2 * right, m * right, 2 * m * right, np.sqrt(2 * m * right)]
    return not np.isclose(first, right) and any(np.isclose(first, v) for v in variants)


COST_FORMULA = Hint(
    "cost_formula",
    "",
    "",
    when=_wrong_cost_formula,
)

# W1[0, 0] and W1[1, 2] that known mistakes produce on fit_small, so the self-check can name them.
FIT_MISTAKES = {
    "hidden_error_shortcut": (
        (0.4749722932737575, 0.08562970653263229),
        "은닉층 오차를 W2.T @ E2로 구했나요? 강의의 이 지름길은 ½‖Y−A2‖²의 기울기가 아닙니다. "
        "정확한 기울기는 W2.T @ dZ2 (dZ2 = E2 * g'(Z2))입니다. numerical_gradient로 비교해 보세요.",
        "Did you compute the hidden error as W2.T @ E2? That shortcut from the lecture is not the "
        "gradient of ½‖Y−A2‖²; the exact one is W2.T @ dZ2 with dZ2 = E2 * g'(Z2). Compare with numerical_gradient.",
    ),
    "new_mask_in_backward": (
        (0.4944575295135622, 0.1894376525183821),
        "역전파에서 마스크를 새로 뽑았나요? forpass가 self.drop_units에 보관한 같은 마스크를 써야 합니다: "
        "순전파에서 꺼진 유닛은 기울기도 0입니다.",
        "Did you draw a new mask in the backward step? Use the one forpass stored in self.drop_units: "
        "a unit switched off in the forward pass gets zero gradient.",
    ),
    "backward_missing_scale": (
        (0.49584327974438297, 0.17912253530476727),
        "역전파에서도 순전파처럼 self.drop_units / (1 - self.dropout_ratio)를 곱해야 합니다: "
        "A1 = g(Z1) · mask / (1 − p) 이므로 dA1/dZ1 = g'(Z1) · mask / (1 − p).",
        "The backward step must multiply by self.drop_units / (1 - self.dropout_ratio) like the forward pass: "
        "A1 = g(Z1) · mask / (1 − p), so dA1/dZ1 = g'(Z1) · mask / (1 − p).",
    ),
}
# a literal output names a mistake only where no other mistake makes it: a mask drawn twice in
# forpass (one used, the other stored) updates W as a new mask in backprop does, so that one is
# named only by the hidden one-step cases, which see forpass's values
FIT_HINTS = [
    Hint(
        name,
        ko,
        en,
        when=lambda got, want, w=w: np.allclose([got["W1"][0, 0], got["W1"][1, 2]], w, rtol=1e-7),
    )
    for name, (w, ko, en) in FIT_MISTAKES.items()
    if name != "new_mask_in_backward"
]


@suite.case(
    "5.1",
    expect={
        "Z1": np.array(
            [
                [0.67, 0.5, 0.8],
                [0.5700000000000001, -0.63, 0.30000000000000004],
                [-0.42999999999999994, 0.51, -0.38999999999999996],
                [0.1, 0.16999999999999998, 0.08],
                [0.7199999999999999, -0.41000000000000003, 0.7],
            ]
        ),
        "A1": np.array(
            [
                [0.8820042122706032, 0.8299457749358061, 0.9199659748368166],
                [0.8516842335317891, 0.4633473837430074, 0.7659233557488787],
                [0.5255017754243192, 0.833075299291239, 0.5382897342709495],
                [0.69997224997192, 0.7231972543658013, 0.6933191202074425],
                [0.8968093560903472, 0.5318828282021736, 0.0],
            ]
        ),
        "A2": np.array(
            [
                [0.5677588663296969, 0.6609639985907936, 0.6490792082190004],
                [0.5747664312793952, 0.44448937507479785, 0.5343855417180167],
            ]
        ),
        "drop_units": np.array(
            [
                [True, True, True],
                [True, True, True],
                [True, True, True],
                [True, True, True],
                [True, True, False],
            ]
        ),
        "dropout_ratio": 0.25,
    },
    check=forpass_check(rtol=1e-6, atol=1e-9, reveal=True),
    hints=[*TRAIN_HINTS, *MASK_HINTS],
    about=Msg("dropout_ratio=0.25, np.random.seed(0)", "dropout_ratio=0.25, np.random.seed(0)"),
    rules=["mask_formula", "keep_ratio", "mask_stored", "mask_once", "global_generator"],
)
def forpass_small_train(m, ctx):
    net = small_net(m)
    np.random.seed(0)
    out = forpass_outputs(net.forpass(X.T), ("Z1", "A1", "A2"))
    return {**out, "drop_units": mask_of(net), "dropout_ratio": RATIO}


@suite.case(
    "5.1",
    expect={
        "A1": np.array(
            [
                [0.6615031592029524, 0.6224593312018546, 0.6899744811276125],
                [0.6387631751488418, 0.34751053780725555, 0.574442516811659],
                [0.3941263315682394, 0.6248064744684293, 0.40371730070321216],
                [0.52497918747894, 0.542397940774351, 0.5199893401555818],
                [0.6726070170677604, 0.3989121211516302, 0.6681877721681662],
            ]
        ),
        "A2": np.array(
            [
                [0.5509562019312491, 0.6226225989484454, 0.5648303179315731],
                [0.5562592261137418, 0.45829184787934396, 0.5424323142547222],
            ]
        ),
    },
    check=forpass_check(rtol=1e-6, atol=1e-9, reveal=True),
    hints=[TEST_TIME],
    about=Msg("train=False", "train=False"),
    rules=["no_dropout_at_test"],
)
def forpass_small_eval(m, ctx):
    np.random.seed(0)
    return forpass_outputs(small_net(m).forpass(X.T, train=False), ("A1", "A2"))


@suite.case(
    "5.2",
    expect={
        "W1": np.array(
            [
                [0.4944532879525284, -0.29248341183529725, 0.8182683485364647, 0.09844660643044338],
                [-0.5958575176548201, 0.8882252361462597, 0.1721680566497587, -0.39856711201028655],
                [0.2952923167603901, 0.31486116401875885, -0.6650303748460796, 0.5984053526114335],
                [0.09985152147916984, -0.8050870279360793, 0.3883383377001409, 0.5001519608702235],
                [-0.1953521337490592, 0.5987812838385506, 0.5966329944269129, -0.8992790412393352],
            ]
        ),
        "W2": np.array(
            [
                [
                    0.7299839397911121,
                    -0.4636175630283891,
                    0.4050125371239565,
                    0.21983845978996033,
                    -0.2959126330782518,
                ],
                [
                    -0.2634601086574122,
                    0.535437772215195,
                    -0.9256857362290618,
                    0.4544094602357652,
                    0.08674340284641996,
                ],
            ]
        ),
    },
    hints=FIT_HINTS,
    about=Msg("배치 크기 2, 한 에포크, np.random.seed(0)", "batch size 2, one epoch, np.random.seed(0)"),
    rules=["same_mask_backward", "backward_scaled", "exact_gradient", "short_last_batch"],
)
def fit_small(m, ctx):
    net = small_net(m, batch_size=2)
    np.random.seed(0)
    net.fit(X, Y)
    return {"W1": floats(net.W1), "W2": floats(net.W2)}


@suite.case(
    "5.2",
    expect={"cost_": np.array([0.31566357750004, 0.20397121692518333]), "first_batch": 2},
    hints=[COST_FORMULA],
    about=Msg("배치 크기 2의 cost_: 배치마다 하나", "cost_ with batch size 2: one per batch"),
    rules=["cost_per_update"],
)
def fit_small_cost(m, ctx):
    net = small_net(m, batch_size=2)
    np.random.seed(0)
    net.fit(X, Y)
    return {"cost_": floats(net.cost_), "first_batch": 2}


@suite.case(
    "5.2",
    expect={"returns_self": True, "cost_": np.array([0.32329807826969575, 0.12905663032584103])},
    about=Msg(
        "fit을 두 번: cost_는 마지막 fit의 것, self를 돌려줌",
        "fit twice: cost_ of the last fit, returns self",
    ),
    rules=["resets_cost_returns_self"],
)
def fit_small_twice(m, ctx):
    net = small_net(m, batch_size=2)
    np.random.seed(0)
    net.fit(X, Y)
    out = net.fit(X, Y)
    return {"returns_self": out is net, "cost_": floats(net.cost_)}
# === hidden: autograder/suites/dropout/hidden_tests.py (judged in the parent; @hidden cases follow)
"""Hidden tests, exercise 5 (dropout): what is judged.

The scenarios (what is run) are in ``scenarios.py``; they seed ``np.random`` before every call
that may draw a mask, so most cases are compared with the reference's output on the same
scenario. The ``forpass_statistics`` cases get the raw activations and judge them here, in the
parent, against the reference's activations on the same inputs (kept units scaled by
1/(1 − ratio), about ratio of them dropped), whatever generator drew the mask.
Hints named by id are the public suite's, declared once there, or the misconception catalogue's
(``autograder/core/misconceptions.py``); the one-update cases decide the catalogue's by this
exercise's own relations, read off the student's forward values.
"""

import dropout_staff as staff
import numpy as np
from dropout_staff import forpass_check

from autograder.engine.compare import compare
from autograder.runtime.spec import Hint, Msg, Suite, load_beside

suite = Suite("dropout", hidden=True)
scenarios = load_beside(__file__, "scenarios")
# judge helpers and hint texts of the public suite (they reveal no answer)
public = load_beside(staff.__file__, "public_tests")

TOL = {"rtol": 1e-6, "atol": 1e-10}
RATIOS = {"p02": (0.2,), "p05": (0.5,), "p08": (0.8,)}
TRAIN_HINTS = ["no_scaling", "drop_ratio_division"]


def _activations(got, want, which):
    """The student's A1 of the ``train`` or ``test`` pass, or a message saying what is wrong."""
    part = got.get(which) if isinstance(got, dict) else None
    form = forpass_check(0.0, 0.0, reveal=False)
    if not isinstance(part, dict) or "A1" not in part:
        return None, form(part if isinstance(part, dict) else {"returned": part}, want[which])
    A1, shape = part["A1"], want[which]["A1"].shape
    if not isinstance(A1, np.ndarray) or A1.shape != shape:
        return None, Msg(
            f"A1의 모양이 {shape}이어야 합니다 (n_h, m).",
            f"A1 must have shape {shape} (n_h, m).",
        )
    return A1.astype(float), None


def dropout_statistics(got, want):
    """Judged against the reference's run on the same inputs, never the student's two passes against
    each other: the train=False A1 must be the reference's; in the training pass every kept unit
    must be that activation divided by 1 − dropout_ratio, and about dropout_ratio of them zero."""
    ratio = want["dropout_ratio"]
    train, problem = _activations(got, want, "train")
    if problem:
        return problem
    test, problem = _activations(got, want, "test")
    if problem:
        return problem
    plain = np.asarray(want["test"]["A1"], dtype=float)
    if not np.allclose(test, plain, **TOL):
        return Msg(
            "train=False일 때 A1이 드롭아웃 없는 활성값과 다릅니다.",
            "With train=False, A1 is not the activation without dropout.",
        )
    kept = train != 0
    if not np.allclose(train[kept], plain[kept] / (1 - ratio), **TOL):
        return Msg(
            "학습 중 남은 유닛의 값이 드롭아웃 없는 값 / (1 − dropout_ratio)가 아닙니다: "
            "1 − dropout_ratio로 나누었나요?",
            "During training the kept units are not the undropped value / (1 − dropout_ratio): "
            "did you divide by 1 − dropout_ratio?",
        )
    drop = float(np.mean(~kept[plain != 0])) if np.any(plain != 0) else 0.0
    if abs(drop - ratio) > 0.01:
        return Msg(
            f"학습 중 A1의 {drop:.3f}이(가) 0입니다. dropout_ratio={ratio}이면 약 {ratio}이어야 합니다.",
            f"{drop:.3f} of A1 is zero during training; with dropout_ratio={ratio} it should be about {ratio}.",
        )
    return None


FORPASS = forpass_check(reveal=False, **TOL)

# ---- 5.1 forpass ---------------------------------------------------------------------------------

# ---- 5.2 one update from given weights, judged part by part -----------------------------------


def _sigmoid_d(z):
    s = 1.0 / (1.0 + np.exp(-z))
    return s * (1.0 - s)


def _lsq(got, base):
    """The factor s with got ≈ s · base, or None."""
    norm = float(np.vdot(base, base))
    s = float(np.vdot(got, base)) / norm if norm else 0.0
    return s if np.allclose(got, s * base, rtol=1e-5, atol=1e-12) else None


def _scale_ids(s, m):
    ids = {"update_sign"} if s < 0 else set()
    if np.isclose(abs(s), 1.0, rtol=1e-4):
        return ids
    return ids | {"not_divided_by_m"} if np.isclose(abs(s), m, rtol=1e-4) else None


def _student_forward(got):
    """The values the student's forpass returned in fit (recorded by the scenario), or None."""
    calls = got.get("forward") if isinstance(got, dict) else None
    if not isinstance(calls, list) or not calls or not isinstance(calls[0], dict):
        return None
    call = calls[0]
    try:
        values = {k: np.asarray(call[k], dtype=float) for k in ("Z1", "A1", "Z2", "A2")}
        values["mask"] = np.asarray(call["drop_units"]).astype(bool)
    except (KeyError, TypeError, ValueError):
        return None
    return values if values["mask"].shape == values["A1"].shape else None


def _output_layer(got, fw, inputs):
    """(scale s, targets, ids) explaining the student's ΔW2 from their own forward values."""
    m, eta = len(inputs["y"]), inputs["eta"]
    onehot = np.eye(inputs["W2"].shape[0])[inputs["y"]].T
    # dW2 = s·eta/m · dZ2 @ A1.T: A1.T has full row rank m, so dZ2 is recovered exactly
    D2 = np.asarray(got["dW2"], dtype=float) @ np.linalg.pinv(fw["A1"].T)
    for Y, extra in ((onehot, set()), (0.01 + 0.98 * onehot, {"targets_001_099"})):
        s = _lsq(D2, eta / m * (Y - fw["A2"]) * _sigmoid_d(fw["Z2"]))
        ids = _scale_ids(s, m) if s is not None else None
        if ids is not None:
            return s, Y, ids | extra
    return None


def _hidden_layer(got, fw, inputs, s, Y):
    """The ids explaining ΔW1 once ΔW2 is explained: which hidden error, which mask, which factor."""
    m, eta, p = len(inputs["y"]), inputs["eta"], inputs["ratio"]
    D1 = np.asarray(got["dW1"], dtype=float) @ np.linalg.pinv(inputs["X"]) / (s * eta / m)
    E2 = Y - fw["A2"]
    used = fw["A1"] != 0  # the units forpass kept
    forward = (
        float(np.median(fw["A1"][used] / (1.0 / (1.0 + np.exp(-fw["Z1"][used]))))) if used.any() else None
    )
    updated = inputs["W2"] + np.asarray(got["dW2"], dtype=float)  # W2 changed before dZ1 was computed
    dZ2 = E2 * _sigmoid_d(fw["Z2"])
    for W2, error, extra in (
        (inputs["W2"], dZ2, set()),
        (inputs["W2"], E2, {"hidden_error_shortcut"}),
        (updated, dZ2, {"update_before_backprop"}),
        (updated, E2, {"hidden_error_shortcut", "update_before_backprop"}),
    ):
        base = (W2.T @ error) * _sigmoid_d(fw["Z1"])
        ratio = np.divide(D1, base, out=np.zeros_like(D1), where=np.abs(base) > 1e-12)
        alive = ~np.isclose(ratio, 0.0, atol=1e-6)
        if not alive.any():
            continue
        factor = float(np.median(ratio[alive]))
        if not np.allclose(ratio[alive], factor, rtol=1e-5):
            continue
        ids = set(extra)
        if alive.all() and not used.all():
            ids.add("backward_missing_scale")  # the mask left out of the backward step
        elif not np.array_equal(alive, fw["mask"]) and not np.array_equal(alive, used):
            ids.add("new_mask_in_backward")
        if forward is not None and not np.isclose(factor, forward, rtol=1e-5):
            if np.isclose(factor, 1.0):
                ids.add("backward_missing_scale")
            elif np.isclose(factor, 1.0 / p):
                ids.add("drop_ratio_division")
        return ids
    return set()


def explain_step(got, want):
    """The misconceptions that together explain one update from given weights, each read off its
    own relation to the student's own forward values (so a wrong forward pass does not hide
    them): ΔW2 against the output error (targets, factor m, sign), ΔW1 against the hidden error
    (exact or the lecture's W2.T @ E2, the stored mask or another, the factor), cost_[0]."""
    inputs, fw = want["inputs"], _student_forward(got)
    if fw is None or not isinstance(got.get("dW2"), np.ndarray) or not isinstance(got.get("dW1"), np.ndarray):
        return set()
    inputs = {**inputs, "X": np.asarray(inputs["X"], dtype=float), "y": np.asarray(inputs["y"])}
    out = _output_layer(got, fw, inputs)
    if out is None:
        return set()
    s, Y, ids = out
    return ids | _hidden_layer(got, fw, inputs, s, Y)


def explain_cost(got, want):
    """cost_[0] against ½·Σ(Y − A2)²/m of the student's own first forward pass: √Σ, Σ/m, ½Σ, or
    the 0.01/0.99 targets."""
    fw = _student_forward(got)
    try:
        first = float(got["cost_"][0])
    except (TypeError, ValueError, IndexError, KeyError):
        return set()
    if fw is None:
        return set()
    inputs = want["inputs"]
    m = len(inputs["y"])
    onehot = np.eye(fw["A2"].shape[0])[np.asarray(inputs["y"])].T
    for Y, extra in ((onehot, set()), (0.01 + 0.98 * onehot, {"targets_001_099"})):
        squares = float(np.sum((Y - fw["A2"]) ** 2))
        if np.isclose(first, 0.5 * squares / m, rtol=1e-6):
            return extra
        if any(
            np.isclose(first, v, rtol=1e-6) for v in (squares / m, 0.5 * squares, squares, np.sqrt(squares))
        ):
            return extra | {"cost_formula"}
    return set()


def _step_relation(hid):
    return lambda got, want: hid in explain_step(got, want)


def _cost_relation(hid):
    return lambda got, want: hid in explain_cost(got, want)


TEXTS = {hid: (ko, en) for hid, (_, ko, en) in public.FIT_MISTAKES.items()}
TEXTS.update({h.id: (h.ko, h.en) for h in public.TRAIN_HINTS})


STEP_HINTS = [
    *(
        Hint(hid, "", "", when=_step_relation(hid))
        for hid in ("not_divided_by_m", "update_sign", "targets_001_099", "update_before_backprop",
                    "hidden_error_shortcut")
    ),
    *(Hint(hid, *TEXTS[hid], when=_step_relation(hid))
      for hid in ("new_mask_in_backward", "backward_missing_scale", "drop_ratio_division")),
]  # fmt: skip
COST_HINTS = [
    Hint("targets_001_099", "", "", when=_cost_relation("targets_001_099")),
    Hint("cost_formula", "", "", when=_cost_relation("cost_formula")),
]
STEP_RATIOS = {"p03": (0.3,), "p07": (0.7,)}


def _part(*keys):
    """A check of some parts of a one-step result, against the reference's."""

    def check(actual, expected):
        if not isinstance(actual, dict) or not set(keys) <= set(actual):
            return compare(actual, {k: expected[k] for k in keys}, 1e-6, 1e-10, reveal=False)
        return compare(
            {k: actual[k] for k in keys}, {k: expected[k] for k in keys}, 1e-6, 1e-10, reveal=False
        )

    return check


def unchanged_by_seed(actual, expected):
    """The constructor leaves np.random as it found it, and its weights do not depend on it."""
    if not isinstance(actual, dict) or set(actual) != set(expected):
        return compare(actual, expected, 0, 0, reveal=False)
    same = compare(actual["W_seed5"], actual["W_seed6"], 0, 0, "W", reveal=False)
    if same is not None or compare(actual["np_random_draw"], expected["np_random_draw"], 0, 0, reveal=False):
        return Msg(
            "생성자가 전역 난수 상태 (np.random)를 쓰거나 바꿉니다.",
            "The constructor uses or changes the global random state (np.random).",
        )
    return None


WEIGHTS = _part("dW1", "dW2")


# === scenarios: autograder/suites/dropout/scenarios.py (what a worker runs; @hidden declares a case)
"""What is run for the hidden cases of exercise 5: scenarios and the helpers they use.

Each function drives the student's module ``m``; a worker receives one of them at a time
(with the helpers it uses), never the expected values, checks or hints of hidden_tests.py.

Networks are built with the student's constructor and given weights from the case's own
generator. Right before every call that may draw a mask, the scenario seeds ``np.random``
itself, so the student's mask and the reference's come from the same numbers. The statistics
scenarios return the raw activations; the drop fraction and the preserved mean are computed
by the judge, in the parent.
"""

import numpy as np
from dropout_staff import change, floats, forpass_outputs, mask_of


def network(m, ctx, ratio, n_h=30, **kw):
    net = m.MnistMiniBatchDropout(784, n_h, 10, dropout_ratio=ratio, **kw)
    net.W1 = ctx.rng.uniform(-0.3, 0.3, (n_h, 784))
    net.W2 = ctx.rng.uniform(-1.0, 1.0, (10, n_h))
    return net


def weight_changes(net, X, y, seed):
    W1, W2 = np.array(net.W1, dtype=float), np.array(net.W2, dtype=float)
    np.random.seed(seed)
    net.fit(X, y)
    return {
        "dW1": change(net.W1, W1),
        "dW2": change(net.W2, W2),
        "drop_units": mask_of(net),  # the last mask stored: tells a second draw in forpass from one in fit
    }


def recorded(net):
    """Wrap ``net.forpass`` so that each call's values and the mask it stored are kept, as they
    were, for the judge (a fit that never calls forpass records nothing)."""
    calls = []
    forpass = net.forpass

    def wrapper(*args, **kwargs):
        out = forpass(*args, **kwargs)
        calls.append({**forpass_outputs(out), "drop_units": mask_of(net)})
        return out

    net.forpass = wrapper
    return calls


def one_step(m, ctx, ratio):
    """One update (one epoch, one batch of 6 digits) from given weights: the weights' change,
    cost_, what forpass returned in it, and the inputs the judge needs."""
    X, y = ctx.mnist(6, start=600)
    net = network(m, ctx, ratio, eta=0.5, epochs=1, batch_size=6)
    W1, W2 = np.array(net.W1, dtype=float), np.array(net.W2, dtype=float)
    calls = recorded(net)
    np.random.seed(31)
    net.fit(X, y)
    return {
        "dW1": change(net.W1, W1),
        "dW2": change(net.W2, W2),
        "cost_": floats(net.cost_),
        "forward": calls[:1],
        "inputs": {"X": X, "y": y, "W1": W1, "W2": W2, "eta": 0.5, "ratio": ratio},
    }


# ---- 5.1 forpass ---------------------------------------------------------------------------------


@hidden(
    "5.1",
    params=RATIOS,
    check=FORPASS,
    hints=[
        *TRAIN_HINTS,
        "mask_drawn_twice",
        "mask_shape",
        "mask_formula",
        "inverted_mask",
        "mask_not_stored",
    ],
    about=Msg("학습 중 순전파", "training forward pass"),
)
def forpass_train(m, ctx, ratio):
    X, _ = ctx.mnist(20)
    net = network(m, ctx, ratio)
    np.random.seed(11)
    out = forpass_outputs(net.forpass(X.T))
    return {**out, "drop_units": mask_of(net), "dropout_ratio": ratio}


@hidden(
    "5.1",
    about=Msg("마스크를 self.drop_units에 보관", "mask kept in self.drop_units"),
    hints=["mask_not_stored", "inverted_mask"],
)
def forpass_stores_mask(m, ctx):
    X, _ = ctx.mnist(15, start=40)
    net = network(m, ctx, 0.3)
    np.random.seed(12)
    net.forpass(X.T)
    return mask_of(net)


@hidden(
    "5.1",
    params=RATIOS,
    check=dropout_statistics,
    about=Msg(
        "통계: 버린 비율과 보존된 기댓값 (은닉 200 × 숫자 300)",
        "statistics: drop fraction and preserved mean (200 hidden × 300 digits)",
    ),
)
def forpass_statistics(m, ctx, ratio):
    X, _ = ctx.mnist(300, start=100)
    net = network(m, ctx, ratio, n_h=200)
    np.random.seed(13)
    train = forpass_outputs(net.forpass(X.T), ("A1",))
    test = forpass_outputs(net.forpass(X.T, train=False), ("A1",))
    return {"train": train, "test": test, "dropout_ratio": ratio}


@hidden(
    "5.1",
    params=RATIOS,
    check=FORPASS,
    hints=["dropout_at_test"],
    about=Msg("train=False", "train=False"),
)
def forpass_eval(m, ctx, ratio):
    X, _ = ctx.mnist(20, test=True)
    net = network(m, ctx, ratio)
    np.random.seed(14)
    return forpass_outputs(net.forpass(X.T, train=False), ("A1", "A2"))


@hidden(
    "5.1",
    **TOL,
    hints=["transposed"],
    about=Msg("예측에는 드롭아웃 없음", "no dropout in predict"),
)
def predict_without_dropout(m, ctx):
    X, _ = ctx.mnist(25, test=True)
    net = network(m, ctx, 0.5)
    np.random.seed(15)
    return net.predict(X)


@hidden(
    "5.1",
    hints=["percent_vs_fraction"],
    about=Msg("평가에는 드롭아웃 없음", "no dropout in evaluate"),
)
def evaluate_without_dropout(m, ctx):
    X, y = ctx.mnist(300, test=True)
    means = np.stack([X[y == c].mean(axis=0) for c in range(10)])
    net = m.MnistMiniBatchDropout(784, 10, 10, dropout_ratio=0.5)
    net.W1 = 0.2 * (means - means.mean(axis=0))
    net.W2 = 8.0 * np.eye(10) - 4.0
    np.random.seed(16)
    return net.evaluate(X, y)


# ---- 5.2 fit -------------------------------------------------------------------------------------


# ---- 5.2 fit -------------------------------------------------------------------------------------
@hidden(
    "5.2",
    params=RATIOS,
    check=WEIGHTS,
    about=Msg("숫자 64개, 배치 16, 한 에포크", "64 digits, batch 16, one epoch"),
)
def fit_one_epoch(m, ctx, ratio):
    net = network(m, ctx, ratio, eta=0.5, epochs=1, batch_size=16)
    return weight_changes(net, *ctx.mnist(64, start=200), seed=21)


@hidden(
    "5.2",
    check=WEIGHTS,
    about=Msg("짧은 마지막 배치 (50 = 32 + 18)", "a short last batch (50 = 32 + 18)"),
)
def fit_short_last_batch(m, ctx):
    net = network(m, ctx, 0.5, eta=0.5, epochs=1, batch_size=32)
    return weight_changes(net, *ctx.mnist(50, start=300), seed=22)


@hidden(
    "5.2",
    check=WEIGHTS,
    about=Msg("두 에포크, dropout_ratio=0.3", "two epochs, dropout_ratio=0.3"),
)
def fit_two_epochs(m, ctx):
    net = network(m, ctx, 0.3, eta=0.8, epochs=2, batch_size=16)
    return weight_changes(net, *ctx.mnist(40, start=400), seed=23)


@hidden(
    "5.2",
    **TOL,
    hints=["cost_formula", "dropped_last_batch", "off_by_one_steps", "loss_after_update"],
    about=Msg("두 에포크의 cost_", "cost_ over two epochs"),
)
def fit_cost(m, ctx):
    net = network(m, ctx, 0.3, eta=0.8, epochs=2, batch_size=16)
    np.random.seed(23)
    net.fit(*ctx.mnist(40, start=400))
    return {"cost_": floats(net.cost_), "first_batch": 16}


@hidden(
    "5.2",
    **TOL,
    hints=["state_not_reset"],
    about=Msg("fit을 두 번: cost_는 두 번째 fit의 것", "fit twice: cost_ is the second fit's"),
)
def fit_twice_cost(m, ctx):
    net = network(m, ctx, 0.3, eta=0.8, epochs=1, batch_size=16)
    X, y = ctx.mnist(40, start=400)
    np.random.seed(25)
    net.fit(X, y)
    np.random.seed(26)
    net.fit(X, y)
    return {"cost_": floats(net.cost_)}


@hidden(
    "5.2",
    **TOL,
    about=Msg("입력을 바꾸지 않고 self를 돌려줌", "inputs unchanged, returns self"),
)
def fit_keeps_inputs(m, ctx):
    net = network(m, ctx, 0.5, eta=0.5, epochs=1, batch_size=10)
    X, y = ctx.mnist(30, start=500)
    np.random.seed(24)
    out = ctx.call(net.fit, X, y)
    return {"returns_self": out is net, "W1": floats(net.W1), "W2": floats(net.W2)}


@hidden(
    "5.2",
    params=STEP_RATIOS,
    check=_part("dW1", "dW2"),
    hints=STEP_HINTS,
    about=Msg(
        "주어진 가중치에서 갱신 한 번 (숫자 6개, 배치 하나): W의 변화",
        "one update from given weights (6 digits, one batch): the change of W",
    ),
)
def fit_step_weights(m, ctx, ratio):
    return one_step(m, ctx, ratio)


@hidden(
    "5.2",
    params=STEP_RATIOS,
    check=_part("cost_"),
    hints=COST_HINTS,
    about=Msg("주어진 가중치에서 갱신 한 번: cost_", "one update from given weights: cost_"),
)
def fit_step_cost(m, ctx, ratio):
    return one_step(m, ctx, ratio)


@hidden(
    "5.1",
    check=unchanged_by_seed,
    hints=["global_random"],
    # the constructor is given: code that does nothing keeps it, so this point comes together
    # with a forpass that stores its mask
    requires=["forpass_stores_mask"],
    about=Msg(
        "생성자는 전역 난수 상태를 쓰지도 바꾸지도 않음",
        "the constructor neither uses nor changes the global random state",
    ),
)
def constructor_random_state(m, ctx):
    """Weights built under two global seeds, and the next global draws after the constructor;
    the stub's forpass then raises (not attempted rather than passed)."""
    out = {}
    for seed in (5, 6):
        np.random.seed(seed)
        net = m.MnistMiniBatchDropout(4, 5, 2, random_seed=1)
        out[f"W_seed{seed}"] = [floats(net.W1), floats(net.W2)]
    out["np_random_draw"] = np.random.random(3)  # the catalogue's probe of the global state
    net.forpass(np.zeros((4, 1)), train=False)
    return out


# === staff: assignments/dropout/dropout_staff.py (helpers public and hidden scenarios share: driving code only, no answer)
"""Staff helpers for the dropout tests, shared by the public and the hidden scenarios.

Only driving code: they read what the student's code returned or stored and hand it to the
judge as plain data, without computing anything the student must write. Whatever form the
student's value has, they never raise: the judge names a wrong form in the student's terms.
"""

import numpy as np

FORPASS = ("Z1", "A1", "Z2", "A2")


def floats(values):
    """``values`` as a float array when it is one; otherwise as it is, for the judge to name."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return values


def change(after, before):
    """``after - before`` when the student's weights are still an array of that shape."""
    after = floats(after)
    return after - before if isinstance(after, np.ndarray) and after.shape == before.shape else after


def forpass_outputs(out, names=FORPASS):
    """forpass's four values by name; anything else as ``{"returned": out}`` for the judge."""
    if isinstance(out, (tuple, list)) and len(out) == len(FORPASS):
        values = dict(zip(FORPASS, out))
        return {name: values[name] for name in names}
    return {"returned": out}


def mask_of(net):
    """``net.drop_units`` as a boolean array (None stays None)."""
    mask = getattr(net, "drop_units", None)
    if mask is None:
        return None
    try:
        return np.asarray(mask) != 0
    except (TypeError, ValueError):
        return mask


# ---- judge side (runs in the parent; reveals no answer) ------------------------------------------


def forpass_check(rtol: float, atol: float, reveal: bool):
    """A check for forpass's values: first their form, in the student's terms, then the values."""
    from autograder.engine.compare import compare, describe
    from autograder.runtime.spec import Msg

    def check(got, want):
        if isinstance(got, dict) and "returned" in got:
            return Msg(
                f"forpass는 (Z1, A1, Z2, A2) 네 값을 돌려줘야 하는데 {describe(got['returned'])}을(를) 돌려주었습니다.",
                f"forpass must return (Z1, A1, Z2, A2); it returned {describe(got['returned'])}.",
            )
        return compare(got, want, rtol, atol, reveal=reveal)

    return check


# === demo: assignments/dropout/demo.py (the notebook's Try-it cells; # %% starts a cell)
"""실행해 보기 · Try it: the notebook's demo cell; ``python demo.py`` runs it on your dropout.py."""

import matplotlib.pyplot as plt
from dropout import MnistMiniBatchDropout
from nnkit_data import load_mnist

(x_train, t_train), (x_test, t_test) = load_mnist()
nn = MnistMiniBatchDropout(784, 100, 10, eta=0.1, epochs=3, dropout_ratio=0.5)
nn.fit(x_train[:1000], t_train[:1000])
print("test accuracy", nn.evaluate(x_test[:200], t_test[:200]), "%")
plt.plot(nn.cost_)
plt.title("cost per update")
plt.show()


# === reproduce: autograder/suites/dropout/reproduce.py (the lecture's runs for `reproduce`)
"""Lecture numbers for exercise 5 (lecture 13-1): 784-600-10, 40 epochs, 3,000 digits, 1,000 test digits.

Our digits are not the lecture's: the first digits of nnkit's shuffled 5,000-digit MNIST subset
and the first 1,000 official test digits (binomial s.d. near 90%: about 1 point), so accuracies
are compared with a tolerance of ±3 points. Batch size 32, eta 0.1, and ``np.random.seed(1)``
before each fit so that the masks are the same on every run (7-9 s per run).

With 600 hidden units and W2 uniform on [-1, 1), |Z2| is about 10: the outputs saturate and the
exact gradient, which passes through g'(Z2) ≈ 0 on its way to the hidden layer, stalls. The
lecture's shortcut (hidden error W2ᵀ·E2) skips that factor, which is how the lecture's runs
learn from this start. The reference rows therefore shrink W2 tenfold after construction; the
last row runs the lecture's shortcut (not the reference's gradient) from the constructor's own
start, for comparison.

The lesson, with the exact gradient: in the lecture's setting the net does not overfit (train
94% against test 87% without dropout) and dropout 0.5 gains nothing (86%, not the lecture's
91.7%). The first two rows make it overfit as the lecture means to show: a third of the
training digits (1,000) for 100 epochs. Without dropout it fits its training digits far better
than new ones; with dropout the gap between train and test accuracy (all 10,000 test digits,
for a steadier gap) shrinks by more than 2 points. Test accuracy itself does not rise (it is
about a point lower): on our data, the exact gradient's net gained no test accuracy from dropout
in any setting we tried within a minute's training (fewer or more digits, 1,200 hidden units,
more epochs, larger steps, smaller starting weights), only a narrower gap.
"""

from functools import cache

import numpy as np

from autograder.authoring.reproduce import Run

POINTS = 3.0
GAP = 2.0  # points by which dropout must narrow the train/test gap


def data(n_train, n_test):
    from nnkit_data import load_mnist  # on the path once the reference is loaded

    (x, t), (x_test, t_test) = load_mnist()
    return x[:n_train], t[:n_train], x_test[:n_test], t_test[:n_test]


def shortcut_fit(net, X, y):
    """The lecture's backward step: hidden error W2ᵀ·E2 (not the gradient of ½‖Y−A2‖²)."""
    from nnkit_data import one_hot_encoding

    keep = 1.0 - net.dropout_ratio
    for _ in range(net.epochs):
        for s in range(0, len(y), net.batch_size):
            A0, Y = X[s : s + net.batch_size].T, one_hot_encoding(y[s : s + net.batch_size], net.n_y).T
            Z1, A1, Z2, A2 = net.forpass(A0)
            E2 = Y - A2
            dZ2 = E2 * net.g_prime(Z2)
            dZ1 = (net.W2.T @ E2) * net.drop_units / keep * net.g_prime(Z1)
            net.W2 += net.eta * dZ2 @ A1.T / A0.shape[1]
            net.W1 += net.eta * dZ1 @ A0.T / A0.shape[1]
    return net


@cache
def trained(ref, ratio, n_train=3000, epochs=40, n_test=1000, w2_scale=1.0, shortcut=False):
    """(train accuracy, test accuracy) of one fit; cached so that a comparison reuses its baseline."""
    X, y, Xt, yt = data(n_train, n_test)
    net = ref.MnistMiniBatchDropout(784, 600, 10, eta=0.1, epochs=epochs, batch_size=32, dropout_ratio=ratio)
    net.W2 *= w2_scale
    np.random.seed(1)
    shortcut_fit(net, X, y) if shortcut else net.fit(X, y)
    return float(net.evaluate(X, y)), float(net.evaluate(Xt, yt))


def accuracy(ratio, lecture, **setting):
    def run(r):
        train, test = trained(r, ratio, **setting)
        return f"{test:.1f}% (train {train:.1f}%)", abs(test - lecture) <= POINTS

    return run


OVERFITS = {"n_train": 1000, "epochs": 100, "n_test": 10000, "w2_scale": 0.1}


def gap(ratio):
    def run(r):
        train, test = trained(r, ratio, **OVERFITS)
        text = f"train {train:.1f}%, test {test:.1f}%: gap {train - test:.1f}"
        if ratio == 0.0:
            return text, train - test > 2 * GAP
        base_train, base_test = trained(r, 0.0, **OVERFITS)
        return text, train - test <= base_train - base_test - GAP

    return run


RUNS = [
    Run(
        "no dropout, 1,000 digits, 100 epochs, W2 × 0.1",
        "overfits: train ≫ test",
        gap(0.0),
        f"gap > {2 * GAP:g} points",
        "reference (exact gradient); a third of the lecture's digits, 2.5× its epochs, all 10,000 test digits",
    ),
    Run(
        "dropout 0.5, 1,000 digits, 100 epochs, W2 × 0.1",
        "dropout narrows the gap",
        gap(0.5),
        f"gap ≥ {GAP:g} points smaller",
        "reference (exact gradient); test accuracy about a point lower: dropout curbs the overfitting, it adds no accuracy",
    ),
    Run(
        "no dropout, 3,000 digits, 40 epochs, W2 × 0.1",
        "89-90%",
        accuracy(0.0, 89.5, w2_scale=0.1),
        "±3 points",
        "reference (exact gradient), the lecture's setting: no overfitting for dropout to cure, so it gains nothing here",
    ),
    Run(
        "no dropout, 3,000 digits, W2 as constructed",
        "89-90%",
        accuracy(0.0, 89.5),
        "±3 points",
        "reference: saturated outputs, the exact gradient stalls",
    ),
    Run(
        "dropout 0.5, 3,000 digits, lecture's W2ᵀ·E2 shortcut",
        "91.7%",
        accuracy(0.5, 91.7, shortcut=True),
        "±3 points",
        "NOT the reference: the lecture's backward step, for comparison",
    ),
]
