"""sigmoid_d written for A (the activation's output), then given Z."""

MISTAKE = {
    "hint": "derivative_of_a",
    "ko": "도함수는 A가 아니라 Z를 받습니다: sigmoid_d(Z) = σ(Z)·(1 − σ(Z)), tanh_d(Z) = 1 − tanh(Z)²입니다. Z·(1 − Z)나 1 − Z²이 아닙니다.",
    "en": "A derivative takes Z, not A: sigmoid_d(Z) = σ(Z)·(1 − σ(Z)), tanh_d(Z) = 1 − tanh(Z)², not Z·(1 − Z) or 1 − Z².",
    "fails": ["activation_values[sigmoid_d]", "act_*[sigmoid_d]"],
}


def sigmoid_d(x):
    return x * (1 - x)
