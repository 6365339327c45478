#!/usr/bin/env python3
"""A misbehaving HTTP proxy on 127.0.0.1 for the REST client's fault tests (stdlib only).

    fault_proxy.py --upstream http://127.0.0.1:4200 --port-file FILE
                   [--fault-rate 0.5] [--faults-per-request 2] [--seed 1] [--delay-ms 0]

Forwards every request to the upstream server, except that a share of the
distinct requests (method, path and body; `--fault-rate`, chosen by a seeded
hash, so a run is repeatable) first fail `--faults-per-request` times, each
time with the next of three faults in turn:

  503          answered at once with 503 and Retry-After (seconds, or an HTTP-date)
  drop-before  the connection is closed without a response; nothing is forwarded
  drop-after   the request IS forwarded (the server acts on it), then the
               response is cut off half-way through its body

So every request succeeds within faults-per-request + 1 attempts, and the
drop-after fault proves that retrying a POST the server already applied is
safe. `--delay-ms` holds each forwarded request that long (to make
concurrency visible). GET /__proxy__/stats answers the counts as JSON:
requests, forwarded, 503, drop-before, drop-after, max_in_flight.
The chosen port is written to --port-file once the proxy listens.

With --pid-file it runs in the background, detached: this process returns
once the port is known and the proxy's pid is in the file. It serves until
SIGTERM, or until the process --owner-pid names (a test) is gone.
"""
import argparse
import email.utils
import hashlib
import http.client
import http.server
import json
import os
import signal
import socket
import sys
import threading
import time
import urllib.parse

FAULTS = ["503", "drop-before", "drop-after"]
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "te", "trailer", "upgrade"}


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.faults_given = {}  # request key -> faults injected so far
        self.next_fault = 0
        self.in_flight = 0
        self.stats = {"requests": 0, "forwarded": 0, "max_in_flight": 0, **{name: 0 for name in FAULTS}}

    def choose(self, key):
        """The fault for this attempt of the request with this key, or None."""
        digest = hashlib.sha256(f"{self.args.seed}:{key}".encode()).digest()
        faulty = int.from_bytes(digest[:8], "big") / 2**64 < self.args.fault_rate
        with self.lock:
            self.stats["requests"] += 1
            given = self.faults_given.get(key, 0)
            if not faulty or given >= self.args.faults_per_request:
                return None
            self.faults_given[key] = given + 1
            fault = FAULTS[self.next_fault % len(FAULTS)]
            self.next_fault += 1
            self.stats[fault] += 1
            return fault

    def enter(self):
        with self.lock:
            self.in_flight += 1
            self.stats["max_in_flight"] = max(self.stats["max_in_flight"], self.in_flight)

    def leave(self):
        with self.lock:
            self.in_flight -= 1


def make_handler(state, upstream):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            sys.stderr.write("proxy: " + (format % args) + "\n")

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if self.path == "/__proxy__/stats":
                with state.lock:
                    self.reply(200, {"Content-Type": "application/json"}, json.dumps(state.stats).encode())
                return
            state.enter()
            try:
                fault = state.choose(f"{self.command} {self.path} {hashlib.sha256(body).hexdigest()}")
                if fault:
                    self.log_message("injecting %s into %s %s", fault, self.command, self.path)
                if fault == "503":
                    with state.lock:
                        as_date = state.stats["503"] % 2 == 0
                    retry_after = email.utils.formatdate(time.time() + 2, usegmt=True) if as_date else "1"
                    self.reply(503, {"Retry-After": retry_after, "Content-Type": "application/json"},
                               b'{"detail":"injected by fault_proxy"}')
                    return
                if fault == "drop-before":
                    self.drop()
                    return
                status, headers, payload = self.forward(body)
                with state.lock:
                    state.stats["forwarded"] += 1
                if state.args.delay_ms:
                    time.sleep(state.args.delay_ms / 1000)
                if fault == "drop-after":
                    self.send_response_only(status)
                    for name, value in headers:
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(max(len(payload), 2)))
                    self.end_headers()
                    self.wfile.write(payload[: len(payload) // 2])
                    self.wfile.flush()
                    self.drop()
                    return
                self.reply(status, dict(headers), payload)
            finally:
                state.leave()

        def forward(self, body):
            connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            headers["Host"] = f"{upstream.hostname}:{upstream.port}"
            try:
                connection.request(self.command, upstream.path.rstrip("/") + self.path, body=body or None, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
                return response.status, kept, payload
            finally:
                connection.close()

        def reply(self, status, headers, payload):
            self.send_response_only(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()

        def drop(self):
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = handle_any

    return Handler


def owner_alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def watch_owner(pid):
    # The proxy must not outlive the test that started it, even a killed one.
    while owner_alive(pid):
        time.sleep(0.5)
    os._exit(0)


def detach(args):
    """Forks twice; returns in the proxy, exits in the caller once it listens.

    The caller is what Foundation's Process started and watches (through a
    socket its children inherit), so only the detached proxy may close the
    descriptors it inherited; they include the pipes and watch sockets of
    processes other tests started at the same moment, which would otherwise
    stay open as long as the proxy lives.
    """
    if os.fork() > 0:
        deadline = time.time() + 20
        while time.time() < deadline:
            if os.path.exists(args.port_file) and os.path.exists(args.pid_file):
                os._exit(0)
            time.sleep(0.02)
        sys.exit("fault_proxy.py did not start")
    os.setsid()
    if os.fork() > 0:
        os._exit(0)
    os.closerange(3, 65536)


def write_atomically(path, text):
    # Renamed into place, so a reader never sees half a line.
    with open(path + ".tmp", "w") as out:
        out.write(text)
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--pid-file")
    parser.add_argument("--owner-pid", type=int)
    parser.add_argument("--fault-rate", type=float, default=0.5)
    parser.add_argument("--faults-per-request", type=int, default=2)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--delay-ms", type=int, default=0)
    args = parser.parse_args()
    # A process started from a Swift concurrency thread inherits a signal
    # mask that blocks every signal: unblock them, or SIGTERM does nothing.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    if args.pid_file:
        detach(args)
    if args.owner_pid:
        threading.Thread(target=watch_owner, args=(args.owner_pid,), daemon=True).start()
    upstream = urllib.parse.urlsplit(args.upstream)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(State(args), upstream))
    server.daemon_threads = True
    if args.pid_file:
        write_atomically(args.pid_file, f"{os.getpid()}\n")
    write_atomically(args.port_file, f"{server.server_address[1]}\n")
    server.serve_forever()


if __name__ == "__main__":
    main()
