# Announces a 90 MB message on the result channel (refused on its header, before any parsing),
# and raises an exception with a 50 MB message (capped), and returns a 401-digit integer.
import os
import sys

CHANNEL = int(sys.argv[1])


def mean_squared_error(y, t):
    os.write(CHANNEL, (90 * 2**20).to_bytes(4, "big") + b"{" * 65536)
    return 0.0


def cross_entropy_error(y, t):
    raise ValueError("x" * (50 * 2**20))


def softmax(x):
    return 10**400
