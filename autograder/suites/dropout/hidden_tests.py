"""Hidden tests, exercise 5 (dropout): what is judged.

The scenarios (what is run) are in ``scenarios.py``; they seed ``np.random`` before every call
that may draw a mask, so most cases are compared with the reference's output on the same
scenario. The ``forpass_statistics`` cases get the raw activations and compute here, in the
parent, properties any correct inverted dropout has (drop fraction, preserved expected
activation), with tolerances, whatever generator drew the mask.
Hints named by id are the public suite's, declared once there.
"""

import numpy as np
from dropout_staff import forpass_check

from autograder.runtime.spec import Msg, Suite, load_beside

suite = Suite("dropout", hidden=True)
scenarios = load_beside(__file__, "scenarios")

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
    """Drop fraction within 0.01 of the ratio; mean activation within 5% of the undropped one."""
    ratio = want["dropout_ratio"]
    train, problem = _activations(got, want, "train")
    if problem:
        return problem
    test, problem = _activations(got, want, "test")
    if problem:
        return problem
    drop = float(np.mean(train == 0))
    mean = float(np.mean(train) / np.mean(test)) if np.mean(test) else float("inf")
    if abs(drop - ratio) > 0.01:
        return Msg(
            f"학습 중 A1의 {drop:.3f}이(가) 0입니다. dropout_ratio={ratio}이면 약 {ratio}이어야 합니다.",
            f"{drop:.3f} of A1 is zero during training; with dropout_ratio={ratio} it should be about {ratio}.",
        )
    if not abs(mean - 1.0) <= 0.05:
        return Msg(
            f"드롭아웃 뒤 A1의 평균이 드롭아웃 없을 때의 {mean:.3f}배입니다 (기대값 약 1): "
            "1 − dropout_ratio로 나누었나요?",
            f"After dropout the mean of A1 is {mean:.3f} times its value without dropout (expected about 1): "
            "did you divide by 1 − dropout_ratio?",
        )
    return None


FORPASS = forpass_check(reveal=False, **TOL)

# ---- 5.1 forpass ---------------------------------------------------------------------------------

suite.case(
    "5.1",
    params=RATIOS,
    check=FORPASS,
    hints=TRAIN_HINTS,
    about=Msg("학습 중 순전파", "training forward pass"),
    run=scenarios.forpass_train,
)
suite.case(
    "5.1",
    about=Msg("마스크를 self.drop_units에 보관", "mask kept in self.drop_units"),
    hints=["mask_not_stored", "inverted_mask"],
    run=scenarios.forpass_stores_mask,
)
suite.case(
    "5.1",
    params=RATIOS,
    check=dropout_statistics,
    about=Msg(
        "통계: 버린 비율과 보존된 기댓값 (은닉 200 × 숫자 300)",
        "statistics: drop fraction and preserved mean (200 hidden × 300 digits)",
    ),
    run=scenarios.forpass_statistics,
)
suite.case(
    "5.1",
    params=RATIOS,
    check=FORPASS,
    hints=["dropout_at_test"],
    about=Msg("train=False", "train=False"),
    run=scenarios.forpass_eval,
)
suite.case(
    "5.1",
    **TOL,
    about=Msg("예측에는 드롭아웃 없음", "no dropout in predict"),
    run=scenarios.predict_without_dropout,
)
suite.case(
    "5.1",
    about=Msg("평가에는 드롭아웃 없음", "no dropout in evaluate"),
    run=scenarios.evaluate_without_dropout,
)

# ---- 5.2 fit -------------------------------------------------------------------------------------

suite.case(
    "5.2",
    params=RATIOS,
    **TOL,
    about=Msg("숫자 64개, 배치 16, 한 에포크", "64 digits, batch 16, one epoch"),
    run=scenarios.fit_one_epoch,
)
suite.case(
    "5.2",
    **TOL,
    about=Msg("짧은 마지막 배치 (50 = 32 + 18)", "a short last batch (50 = 32 + 18)"),
    run=scenarios.fit_short_last_batch,
)
suite.case(
    "5.2",
    **TOL,
    about=Msg("두 에포크, dropout_ratio=0.3", "two epochs, dropout_ratio=0.3"),
    run=scenarios.fit_two_epochs,
)
suite.case(
    "5.2",
    **TOL,
    hints=["cost_formula"],
    about=Msg("두 에포크의 cost_", "cost_ over two epochs"),
    run=scenarios.fit_cost,
)
suite.case(
    "5.2",
    **TOL,
    about=Msg("입력을 바꾸지 않고 self를 돌려줌", "inputs unchanged, returns self"),
    run=scenarios.fit_keeps_inputs,
)
