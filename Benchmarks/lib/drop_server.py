#!/usr/bin/env python3
"""An HTTP server on 127.0.0.1 that drops a download part-way, for the resumption benchmark.

It serves the files of one folder. While armed, the next download it answers is cut off
after a fraction (90 % by default) of its body: the server sends that much, then ends the
connection. Every later request is answered in full, honouring `Range` (a single range) and
`If-Range` (an ETag: a matching one gets 206, any other value the whole file with 200).

Control requests, which are not counted:
    GET /_control/arm    re-arms the drop and forgets the requests counted so far
    GET /_control/stats  waits until no download is in flight, then answers with a first
                         line "REQUESTS BODY_BYTES" and one line per download since the
                         last arm: "METHOD STATUS BODY_BYTES DROPPED RANGE IF_RANGE"
                         (absent headers as "-")

Usage: drop_server.py ROOT PORT_FILE [FRACTION]
The port the system picked is written to PORT_FILE once the server listens.
"""

import http.server
import os
import re
import socket
import sys
import threading
import time

RANGE_PATTERN = re.compile(r"^bytes=(\d*)-(\d*)$")


class DropState:
    """What the handlers share: whether the drop is armed, and the downloads counted."""

    def __init__(self, fraction):
        self.fraction = fraction
        self.lock = threading.Condition()
        self.armed = True
        self.in_flight = 0
        self.records = []

    def begin(self):
        """Counts a download in flight; returns whether it is the one to drop."""
        with self.lock:
            self.in_flight += 1
            dropping = self.armed
            self.armed = False
            return dropping

    def end(self, record):
        with self.lock:
            self.in_flight -= 1
            self.records.append(record)
            self.lock.notify_all()

    def arm(self):
        with self.lock:
            self.armed = True
            self.records = []

    def stats(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        with self.lock:
            while self.in_flight > 0 and time.monotonic() < deadline:
                self.lock.wait(deadline - time.monotonic())
            total = sum(record[2] for record in self.records)
            lines = [f"{len(self.records)} {total}"]
            lines += [" ".join(str(field) for field in record) for record in self.records]
            return "\n".join(lines) + "\n"


class DropHandler(http.server.BaseHTTPRequestHandler):
    """Serves files from the server's root, dropping the armed download."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_HEAD(self):
        self.serve(send_body=False)

    def do_GET(self):
        if self.path == "/_control/arm":
            self.server.state.arm()
            self.answer_text("armed\n")
        elif self.path == "/_control/stats":
            self.answer_text(self.server.state.stats())
        else:
            self.serve(send_body=True)

    def answer_text(self, text):
        body = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def serve(self, send_body):
        name = os.path.basename(self.path.split("?", 1)[0])
        path = os.path.join(self.server.root, name)
        if not name or not os.path.isfile(path):
            self.send_error(404)
            return
        size = os.path.getsize(path)
        stat = os.stat(path)
        etag = f'"{size:x}-{stat.st_mtime_ns:x}"'
        start, end, status = self.choose_range(size, etag)
        if status == 416:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        length = end - start
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(length))
        self.send_header("ETag", etag)
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end - 1}/{size}")
        self.end_headers()
        if not send_body:
            return
        self.wfile.flush()
        dropping = self.server.state.begin()
        count = int(length * self.server.state.fraction) if dropping else length
        sent = 0
        try:
            with open(path, "rb") as blob:
                sent = self.send_file(blob, start, count)
        finally:
            if dropping:
                self.drop_connection()
            self.server.state.end(
                (
                    self.command,
                    status,
                    sent,
                    "dropped" if dropping else "complete",
                    self.headers.get("Range", "-").replace(" ", ""),
                    self.headers.get("If-Range", "-").replace(" ", ""),
                )
            )

    def choose_range(self, size, etag):
        """The byte range [start, end) to send and the status, from Range and If-Range."""
        requested = self.headers.get("Range")
        condition = self.headers.get("If-Range")
        if requested is None or (condition is not None and condition.strip() != etag):
            return 0, size, 200
        match = RANGE_PATTERN.match(requested.strip())
        if match is None or match.group(1) == match.group(2) == "":
            return 0, size, 200
        first, last = match.group(1), match.group(2)
        if first == "":
            start, end = max(0, size - int(last)), size
        else:
            start = int(first)
            end = size if last == "" else min(size, int(last) + 1)
        if start >= size or start >= end:
            return 0, 0, 416
        return start, end, 206

    def send_file(self, blob, start, count):
        """Sends COUNT bytes of BLOB from START; returns how many went out."""
        sent = 0
        while sent < count:
            try:
                done = self.connection.sendfile(blob, start + sent, count - sent)
            except (BrokenPipeError, ConnectionResetError):
                break
            if done == 0:
                break
            sent += done
        return sent

    def drop_connection(self):
        """Ends the connection after what was sent, so the client sees a short body."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class DropServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root, fraction):
        super().__init__(("127.0.0.1", 0), DropHandler)
        self.root = root
        self.state = DropState(fraction)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: drop_server.py ROOT PORT_FILE [FRACTION]")
    fraction = float(sys.argv[3]) if len(sys.argv) == 4 else 0.9
    server = DropServer(sys.argv[1], fraction)
    port_file = sys.argv[2]
    with open(port_file + ".partial", "w") as file:
        file.write(f"{server.server_address[1]}\n")
    os.replace(port_file + ".partial", port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
