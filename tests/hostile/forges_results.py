# Finds the worker's result channel and writes forged messages into it, then ends the
# process. It can only forge *outputs*: the parent judges them against values it never sent.
import json
import os
import sys

frame, job = sys._getframe(), None
while frame is not None and job is None:
    job = frame.f_locals.get("job")
    frame = frame.f_back
channel = int(sys.argv[1])
lines = [{"event": "loaded", "errors": []}]
for n, case in enumerate(job["cases"]):
    lines.append({"event": "start", "case": case})
    if n == 0:
        lines.append({"event": "result", "case": case, "status": "passed", "points": 31})
    else:
        lines.append({"event": "result", "case": case, "status": "ok", "value": 1.0})
lines.append({"event": "done"})
os.write(channel, "".join(json.dumps(m) + "\n" for m in lines).encode())
os._exit(0)
