"""The lecture's relu_d, which overwrites its argument (and so the Z that backprop needs)."""

MISTAKE = {
    "hint": "relu_d_in_place",
    "ko": "relu_d가 인자 x를 바꾸었습니다 (강의의 x[x<=0] = 0처럼). 그러면 역전파에 쓸 Z가 망가집니다. np.where(x > 0, 1.0, 0.0)처럼 새 배열을 돌려주세요.",
    "en": "relu_d changed its argument x (like the lecture's x[x<=0] = 0), which destroys the Z that backprop still needs. Return a new array, e.g. np.where(x > 0, 1.0, 0.0).",
    "fails": ["relu_d_keeps_input", "act_keeps_input[relu_d]"],
    "lecture": True,
}


def relu_d(x):
    x[x <= 0] = 0
    x[x > 0] = 1
    return x
