"""sigmoid_d written for A (the activation's output), then given Z."""

MISTAKE = {
    "ko": "도함수는 A가 아니라 Z를 받습니다: sigmoid_d(Z) = sigmoid(Z) * (1 − sigmoid(Z)). "
    "Z * (1 − Z)가 아닙니다.",
    "en": "The derivative takes Z, not A: sigmoid_d(Z) = sigmoid(Z) * (1 − sigmoid(Z)), not Z * (1 − Z).",
    "fails": ["activation_values[sigmoid_d]", "act_*[sigmoid_d]"],
}


def sigmoid_d(x):
    return x * (1 - x)
