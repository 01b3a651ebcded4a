import numpy as np


def softmax(scores):
    if scores.ndim == 2:
        scores = scores.T
        scores = scores - np.max(scores, axis=0)
        out = np.exp(scores) / np.sum(np.exp(scores), axis=0)
        return out.T
    scores = scores - np.max(scores)
    return np.exp(scores) / np.sum(np.exp(scores))


def cross_entropy_error(pred, target):
    if pred.ndim == 1:
        target = target.reshape(1, target.size)
        pred = pred.reshape(1, pred.size)
    if target.size == pred.size:
        target = target.argmax(axis=1)
    n = pred.shape[0]
    return -np.sum(np.log(pred[np.arange(n), target] + 1e-7)) / n


def mean_squared_error(pred, target):
    return 0.5 * np.sum((pred - target) ** 2)
