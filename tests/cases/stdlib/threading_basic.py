import threading
results = []
lock = threading.Lock()
def worker(n):
    with lock:
        results.append(n * n)
threads = [threading.Thread(target=worker, args=(i,)) for i in range(5)]
for t in threads: t.start()
for t in threads: t.join()
print(sorted(results), threading.active_count(), threading.current_thread().name)
r = threading.RLock()
with r:
    with r:
        print("reentrant ok")
print(lock.locked(), lock.acquire(blocking=False), lock.locked())
lock.release()
