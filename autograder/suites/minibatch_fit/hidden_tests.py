"""Hidden tests, exercise 4 (mini-batch gradient descent): what is judged.

The scenarios (what is run) are in ``scenarios.py``. Every case is compared with the
reference's output on the same scenario. The weights after ``fit`` and the ``cost_`` it recorded
are separate cases, so that a wrong ``cost_`` formula costs only the ``cost_`` cases.
Hints named by id (``hints=["evaluate_fraction"]``) are the public suite's, declared once there.
"""

import numpy as np

from autograder.runtime.spec import Hint, Msg, Suite, load_beside

suite = Suite("minibatch_fit", hidden=True)
scenarios = load_beside(__file__, "scenarios")

TOL = {"rtol": 1e-6, "atol": 1e-10}
COST_HINTS = ["dropped_last_batch", "cost_formula"]


def same_cost_length(got, want):
    """Only the number of ``cost_`` entries counts (one per update)."""
    costs = got.get("cost_") if isinstance(got, dict) else None
    if not isinstance(costs, np.ndarray) or costs.ndim != 1:
        return Msg(
            "cost_는 갱신마다 숫자 하나씩 쌓인 리스트여야 합니다.",
            "cost_ must be a list with one number per update.",
        )
    if len(costs) != len(want["cost_"]):
        return Msg(
            f"cost_ 항목이 {len(costs)}개입니다. 갱신마다 하나씩이어야 합니다.",
            f"cost_ has {len(costs)} entries; it needs one per update.",
        )
    return None


SCHEDULE_SHIFTED = Hint(
    "schedule_shifted",
    "학습률이 한 에포크 밀렸습니다: 첫 에포크 (e=0)는 eta, 마지막 에포크 (e=epochs-1)는 0.0001입니다.",
    "The schedule is one epoch off: epoch e=0 uses eta and the last epoch (e=epochs-1) uses 0.0001.",
    when=lambda got, want: (
        len(want) > 1 and (np.allclose(got[:-1], want[1:]) or np.allclose(got[1:], want[:-1]))
    ),
)

# ---- 4.1 predict and evaluate -------------------------------------------------------------------

suite.case(
    "4.1",
    hints=["predict_transposed"],
    about=Msg("시험 숫자 30개의 출력", "outputs on 30 test digits"),
    run=scenarios.predict_mnist,
)
suite.case(
    "4.1",
    hints=["evaluate_fraction"],
    about=Msg("시험 숫자 200개의 정확도", "accuracy on 200 test digits"),
    run=scenarios.evaluate_mnist,
)
suite.case(
    "4.1",
    hints=["evaluate_fraction"],
    about=Msg("시험 숫자 10개의 정확도", "accuracy on 10 test digits"),
    run=scenarios.evaluate_ten_digits,
)
suite.case(
    "4.1", about=Msg("입력 배열을 바꾸지 않음", "inputs left unchanged"), run=scenarios.evaluate_keeps_inputs
)

# ---- 4.2 batch gradient descent -----------------------------------------------------------------

suite.case(
    "4.2", **TOL, about=Msg("숫자 100개, 한 에포크의 가중치 변화", "100 digits, weight changes after one epoch"),
    run=scenarios.bgd_one_epoch,
)  # fmt: skip
suite.case(
    "4.2", **TOL, about=Msg("숫자 60개, 세 에포크의 가중치 변화", "60 digits, weight changes after three epochs"),
    run=scenarios.bgd_three_epochs,
)  # fmt: skip
suite.case(
    "4.2",
    **TOL,
    hints=COST_HINTS,
    about=Msg("숫자 60개, 세 에포크의 cost_", "60 digits, cost_ over three epochs"),
    run=scenarios.bgd_cost,
)
suite.case(
    "4.2",
    **TOL,
    about=Msg("입력을 바꾸지 않고 self를 돌려줌", "inputs unchanged, returns self"),
    run=scenarios.bgd_keeps_inputs,
)

# ---- 4.3 stochastic gradient descent ------------------------------------------------------------

suite.case(
    "4.3", **TOL, about=Msg("처음 다섯 번의 갱신", "the first five updates"), run=scenarios.sgd_first_steps
)
suite.case(
    "4.3",
    **TOL,
    about=Msg("숫자 12개를 순서대로, 두 에포크", "12 digits in order, two epochs"),
    run=scenarios.sgd_two_epochs,
)
suite.case(
    "4.3",
    **TOL,
    hints=COST_HINTS,
    about=Msg("숫자 12개, 두 에포크의 cost_", "12 digits, cost_ over two epochs"),
    run=scenarios.sgd_cost,
)
suite.case(
    "4.3",
    **TOL,
    about=Msg("입력을 바꾸지 않고 self를 돌려줌", "inputs unchanged, returns self"),
    run=scenarios.sgd_keeps_inputs,
)

# ---- 4.4 mini-batch gradient descent ------------------------------------------------------------

suite.case(
    "4.4",
    params={"bs10": (10,), "bs32": (32,), "bs100": (100,), "bs128": (128,)},
    **TOL,
    about=Msg("숫자 100개, 한 에포크, 여러 배치 크기", "100 digits, one epoch, several batch sizes"),
    run=scenarios.minibatch_one_epoch,
)
suite.case(
    "4.4",
    **TOL,
    about=Msg("일정이 있는 세 에포크 (배치 16)", "three epochs with the schedule (batch 16)"),
    run=scenarios.minibatch_schedule,
)
suite.case(
    "4.4",
    params={"bs10": (10,), "bs32": (32,)},
    **TOL,
    hints=COST_HINTS,
    about=Msg("숫자 100개, 두 에포크의 cost_", "100 digits, cost_ over two epochs"),
    run=scenarios.minibatch_cost,
)
suite.case(
    "4.4",
    **TOL,
    about=Msg("입력을 바꾸지 않고 self를 돌려줌", "inputs unchanged, returns self"),
    run=scenarios.minibatch_keeps_inputs,
)
suite.case(
    "4.4",
    check=same_cost_length,
    hints=["dropped_last_batch"],
    about=Msg("cost_ 길이 = epochs × ⌈m / batch_size⌉", "len(cost_) = epochs × ceil(m / batch_size)"),
    run=scenarios.batches_per_epoch,
)

# ---- 4.5 learning-rate schedule -----------------------------------------------------------------

suite.case(
    "4.5",
    params={"eta05_e10": (0.5, 10), "eta01_e2": (0.1, 2), "eta02_e1": (0.2, 1), "eta1_e40": (1.0, 40)},
    rtol=1e-9,
    hints=[SCHEDULE_SHIFTED, "schedule_end"],
    about=Msg("선형 일정의 에포크별 학습률", "per-epoch rates of the linear schedule"),
    run=scenarios.learning_rate_schedule,
)
suite.case(
    "4.5",
    rtol=1e-12,
    about=Msg("일정 없이: 언제나 eta", "no schedule: always eta"),
    run=scenarios.learning_rate_constant,
)
