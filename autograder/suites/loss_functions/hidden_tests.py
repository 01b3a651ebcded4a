"""Hidden tests, exercise 1 (loss functions): compared with the reference's outputs.

Inputs are MNIST-derived (the outputs of a fixed nearest-class-mean network on test digits),
random arrays of several shapes, and edge cases: exact zero probabilities, a batch of one,
float32 input, and arguments that must come back unchanged.
"""

from autograder.runtime.spec import Msg, Suite, load_beside

suite = Suite("loss_functions", hidden=True)
scenarios = load_beside(__file__, "scenarios")


RTOL = 1e-5
# the public suite's hints, named by id (their conditions hold only for their mistake)
MSE_HINTS = ["mse_no_half"]
CEE_HINTS = ["cee_log10", "cee_no_delta", "cee_onehot_only", "cee_labels_only"]
SOFTMAX_HINTS = ["softmax_no_max", "softmax_whole_batch", "softmax_keepdims"]

suite.case(
    "1.1",
    hints=MSE_HINTS,
    params={"digit0": (0,), "digit1": (1,), "digit7": (7,)},
    rtol=RTOL,
    run=scenarios.mse_mnist_single,
)

suite.case(
    "1.1",
    hints=MSE_HINTS,
    rtol=RTOL,
    about=Msg("배치 전체의 ½·합", "½·sum over a whole batch"),
    run=scenarios.mse_mnist_batch,
)

suite.case(
    "1.1",
    hints=MSE_HINTS,
    params={"vector": ((7,),), "matrix": ((3, 4),), "cube": ((2, 3, 4),)},
    rtol=RTOL,
    run=scenarios.mse_random_shapes,
)

suite.case("1.1", hints=MSE_HINTS, rtol=1e-4, run=scenarios.mse_float32)

suite.case(
    "1.1",
    hints=MSE_HINTS,
    rtol=RTOL,
    about=Msg("입력 배열을 바꾸지 않음", "inputs left unchanged"),
    run=scenarios.mse_keeps_inputs,
)

suite.case("1.2", hints=CEE_HINTS, rtol=RTOL, run=scenarios.cee_single_onehot)

suite.case("1.2", hints=CEE_HINTS, rtol=RTOL, run=scenarios.cee_single_label)

suite.case(
    "1.2",
    hints=CEE_HINTS,
    rtol=RTOL,
    about=Msg("배치 평균, 원-핫", "batch mean, one-hot targets"),
    run=scenarios.cee_batch_onehot,
)

suite.case(
    "1.2",
    hints=CEE_HINTS,
    rtol=RTOL,
    about=Msg("배치 평균, 정수 레이블", "batch mean, integer labels"),
    run=scenarios.cee_batch_labels,
)

suite.case(
    "1.2",
    hints=CEE_HINTS,
    params={"onehot": (True,), "labels": (False,)},
    rtol=RTOL,
    run=scenarios.cee_batch_of_one,
)

suite.case(
    "1.2",
    hints=CEE_HINTS,
    rtol=RTOL,
    about=Msg("정답 확률이 정확히 0", "probability exactly 0 at the answer"),
    run=scenarios.cee_zero_probability,
)

suite.case("1.2", hints=CEE_HINTS, rtol=1e-4, run=scenarios.cee_float32)

suite.case(
    "1.2",
    hints=CEE_HINTS,
    rtol=RTOL,
    about=Msg("입력 배열을 바꾸지 않음", "inputs left unchanged"),
    run=scenarios.cee_keeps_inputs,
)

suite.case("1.3", hints=SOFTMAX_HINTS, params={"short": (3,), "ten": (10,)}, run=scenarios.softmax_random_1d)

suite.case(
    "1.3",
    hints=SOFTMAX_HINTS,
    about=Msg("각 행마다 정규화", "each row normalised on its own"),
    run=scenarios.softmax_mnist_batch,
)

suite.case("1.3", hints=SOFTMAX_HINTS, run=scenarios.softmax_batch_of_one)

suite.case(
    "1.3",
    hints=SOFTMAX_HINTS,
    about=Msg("배치에서 큰 입력", "large inputs in a batch"),
    run=scenarios.softmax_huge_batch,
)

suite.case("1.3", hints=SOFTMAX_HINTS, rtol=1e-4, run=scenarios.softmax_float32)

suite.case(
    "1.3",
    hints=SOFTMAX_HINTS,
    about=Msg("입력 배열을 바꾸지 않음", "input left unchanged"),
    run=scenarios.softmax_keeps_input,
)
