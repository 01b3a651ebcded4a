# Tries to buy time: writes extra framed messages (a "start" and a "loaded") into the result
# channel before each answer, which used to reset the case clock; then loops for a long time.
import json
import os
import sys
import time

CHANNEL = int(sys.argv[1])


def _send(message):
    body = json.dumps(message).encode()
    os.write(CHANNEL, len(body).to_bytes(4, "big") + body)


def mean_squared_error(y, t):
    for _ in range(2):
        _send({"event": "start", "case": "mse_lecture[correct_guess]"})
        time.sleep(0.4)
    return 0.0975


def cross_entropy_error(y, t):
    _send({"event": "loaded", "errors": []})
    return 0.0


def softmax(x):
    while True:
        time.sleep(1)
