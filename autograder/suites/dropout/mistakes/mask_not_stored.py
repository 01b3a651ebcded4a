"""forpass keeps the mask in a local variable only; self.drop_units stays None."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "마스크를 self.drop_units에 보관하세요. fit의 역전파가 같은 마스크를 써야 합니다.",
    "en": "Keep the mask in self.drop_units: fit's backward step needs the same mask.",
    "hint": "mask_not_stored",
    "fails": ["forpass_small_train", "fit_small", "forpass_stores_mask", "fit_*"],
}


def _forpass_local_mask(self, A0, train=True):
    Z1 = self.W1 @ A0
    A1 = self.g(Z1)
    if train:
        drop_units = np.random.rand(*A1.shape) > self.dropout_ratio
        A1 = A1 * drop_units / (1.0 - self.dropout_ratio)
    Z2 = self.W2 @ A1
    return Z1, A1, Z2, self.g(Z2)


MnistMiniBatchDropout.forpass = _forpass_local_mask
