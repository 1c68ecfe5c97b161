# An uncaught KeyboardInterrupt (here from SIGINT sent to ourselves) prints its traceback and
# the process dies by SIGINT, as CPython's exit_sigint does; finally blocks and atexit run first.
import atexit
import os
import signal

atexit.register(print, "atexit ran")


def work():
    try:
        n = 0
        while True:
            n += 1
            if n == 50:
                os.kill(os.getpid(), signal.SIGINT)
    finally:
        print("finally ran")


work()
