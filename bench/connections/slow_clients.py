"""Holds N slow connections open against a server (a slowloris): each sends the start of a request
head, then one more header byte every INTERVAL seconds, and reconnects when the server closes it.
Prints, every second, how many are open and how many the server closed so far; stops after DURATION.

    python3 slow_clients.py PORT N DURATION [INTERVAL]
"""
import selectors
import socket
import sys
import time

port, count, duration = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
interval = float(sys.argv[4]) if len(sys.argv) > 4 else 2.0
selector = selectors.DefaultSelector()
opened = closed = refused = 0


def connect():
    global opened, refused
    s = socket.socket()
    s.setblocking(True)
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /health HTTP/1.1\r\nHost: bench\r\nX-Slow: ")
    except OSError:
        refused += 1
        s.close()
        return
    s.setblocking(False)
    opened += 1
    selector.register(s, selectors.EVENT_READ, time.monotonic())


for _ in range(count):
    connect()
end = time.monotonic() + duration
next_report = time.monotonic() + 1
while time.monotonic() < end:
    for key, _ in selector.select(timeout=0.1):
        s = key.fileobj
        try:
            data = s.recv(4096)
        except OSError:
            data = b""
        if not data:
            selector.unregister(s)
            s.close()
            closed += 1
            connect()
    now = time.monotonic()
    for key in list(selector.get_map().values()):
        if now - key.data >= interval:
            try:
                key.fileobj.send(b"a")
            except OSError:
                pass
            selector.modify(key.fileobj, selectors.EVENT_READ, now)
    if now >= next_report:
        print(f"open {len(selector.get_map())} closed-by-server {closed} refused {refused}", flush=True)
        next_report = now + 1
print(f"final open {len(selector.get_map())} opened {opened} closed-by-server {closed} refused {refused}", flush=True)
