# signal: handlers run between instructions in the main thread; SIGINT raises KeyboardInterrupt.
import os
import signal
import threading

print(signal.getsignal(signal.SIGINT))
print(signal.SIGINT, repr(signal.SIGINT), repr(signal.Signals(15)), signal.SIG_DFL, signal.SIG_IGN)
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt as e:
    print("caught", repr(e), e.__traceback__.tb_frame.f_code.co_name)


def h(sig, frame):
    print("handler", sig, type(frame).__name__, frame.f_code.co_name)


print(signal.signal(signal.SIGUSR1, h))
os.kill(os.getpid(), signal.SIGUSR1)
print(signal.getsignal(signal.SIGUSR1) is h)
print(signal.signal(signal.SIGUSR1, signal.SIG_DFL) is h, signal.getsignal(signal.SIGUSR1))

for bad in [(999, h), (0, h), (signal.SIGKILL, h), (signal.SIGUSR1, 5), (signal.SIGUSR1, "x")]:
    try:
        signal.signal(*bad)
    except (ValueError, OSError, TypeError) as e:
        print(type(e).__name__, e)

print(signal.strsignal(signal.SIGTERM), signal.strsignal(2), signal.NSIG)
print(len(signal.valid_signals()), min(signal.valid_signals()), max(signal.valid_signals()))
print(signal.signal(signal.SIGINT, signal.SIG_IGN))
signal.raise_signal(signal.SIGINT)
print("ignored", signal.getsignal(signal.SIGINT))
signal.signal(signal.SIGINT, signal.default_int_handler)


def spin():
    i = 0
    while True:
        i += 1
        if i == 1000:
            os.kill(os.getpid(), signal.SIGINT)


try:
    spin()
except KeyboardInterrupt:
    print("loop interrupted")


def raising(sig, frame):
    raise RuntimeError("from handler %d" % sig)


signal.signal(signal.SIGUSR2, raising)
try:
    signal.raise_signal(signal.SIGUSR2)
except RuntimeError as e:
    print("handler raised:", e)

errors = []


def in_thread():
    try:
        signal.signal(signal.SIGUSR1, h)
    except ValueError as e:
        errors.append(str(e))


t = threading.Thread(target=in_thread)
t.start()
t.join()
print(errors)
try:
    signal.default_int_handler(2, None)
except KeyboardInterrupt:
    print("default_int_handler raises")
