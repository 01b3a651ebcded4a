# Moon: a missing colon; the file cannot be imported at all.
import numpy as np


class MnistMiniBatchDropout
    def forpass(self, A0, train=True):
        return None
