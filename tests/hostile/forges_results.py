# Finds the worker's result channel and writes forged framed messages into it: a load report and
# "passed" results for the public case names it can guess, then ends the process. It can only
# forge *outputs* for the case the parent is waiting on: the parent judges them against values
# it never sent, and any message out of turn ends the worker.
import json
import os
import sys

channel = int(sys.argv[1])


def send(message):
    body = json.dumps(message).encode()
    os.write(channel, len(body).to_bytes(4, "big") + body)


send({"event": "loaded", "errors": []})
send({"event": "result", "case": "mse_lecture[correct_guess]", "status": "ok", "value": 1.0, "calls": []})
send({"event": "result", "case": "mse_lecture[wrong_guess]", "status": "passed", "points": 39})
os._exit(0)
