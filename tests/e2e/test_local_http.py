"""The local stack's HTTP server under hostile clients, over raw sockets: a refused body never
desyncs the connection or runs a request hidden in it, a malformed length is a 400, slow or
stalled clients hold no worker, and many parallel connections are all answered."""
import json
import socket
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import requests


def _address(stack):
    url = urlsplit(stack.url)
    return url.hostname, url.port


def _exchange(stack, raw: bytes, timeout: float = 20) -> bytes:
    """Send `raw` on one connection and read until the server closes it (or `timeout`)."""
    with socket.create_connection(_address(stack), timeout=timeout) as s:
        s.sendall(raw)
        chunks = []
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
        except socket.timeout:
            pass
    return b"".join(chunks)


def _responses(reply: bytes) -> list[tuple[int, bytes]]:
    """(status, body) of each response on the connection, read by its Content-Length."""
    out = []
    while reply:
        head, _, rest = reply.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        length = next((int(v) for k, _, v in (line.partition(b":") for line in lines[1:])
                       if k.strip().lower() == b"content-length"), 0)
        out.append((int(lines[0].split()[1]), rest[:length]))
        reply = rest[length:]
    return out


def _statuses(reply: bytes) -> list[int]:
    return [status for status, _ in _responses(reply)]


def test_a_refused_body_is_consumed_and_the_request_hidden_in_it_never_runs(stack, outbox):
    hidden = json.dumps({"service": "consultation"}).encode()
    smuggled = (b"POST /api/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(hidden), hidden))
    raw = (b"OPTIONS /api/requests HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s"
           b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % (len(smuggled), smuggled))
    before = outbox.read()["counts"]["recorded"]
    reply = _exchange(stack, raw)
    (refused, refusal), (ok, health) = _responses(reply)
    assert (refused, ok) == (405, 200), reply[:400]
    assert json.loads(refusal)["error"]["code"] == "method_not_allowed" and json.loads(health) == {"status": "ok"}
    assert outbox.read()["counts"]["recorded"] == before


def test_a_malformed_content_length_is_a_400_not_a_hang(stack):
    reply = _exchange(stack, b"POST /api/requests HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}")
    assert _statuses(reply) == [400]


def test_stalled_clients_hold_no_worker_and_others_are_served_at_once(stack):
    stalled = []
    for _ in range(12):  # more than the server's 8 worker threads
        s = socket.create_connection(_address(stack), timeout=20)
        s.sendall(b"POST /api/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{")
        stalled.append(s)
    try:
        assert requests.get(f"{stack.url}/api/health", timeout=10).json() == {"status": "ok"}
    finally:
        for s in stalled:
            s.close()


def test_many_parallel_connections_are_all_answered(stack):
    def get(_):
        return requests.get(f"{stack.url}/api/health", timeout=60).status_code
    with ThreadPoolExecutor(max_workers=64) as pool:
        assert list(pool.map(get, range(256))) == [200] * 256


def test_an_encoded_character_in_a_tracking_number_stays_in_its_path_segment(stack):
    for path in ("/api/requests/%23", "/api/requests/a%2Fb", "/api/requests/%3F"):
        res = requests.get(f"{stack.url}{path}", headers={"Authorization": "Bearer x"}, timeout=10)
        assert res.status_code == 404 and res.json()["error"]["code"] == "not_found", (path, res.text)


def test_a_method_a_route_does_not_have_is_refused_in_both_languages(stack):
    res = requests.put(f"{stack.url}/api/requests", json={}, timeout=10)
    assert res.status_code in (404, 405) and res.json()["error"]["message"]["zh"]
