"""The app keeps the request it handles per thread (api/application.py): the local stack's WSGI
server runs views in several threads at once, and no view may read another's request."""
import json
import threading

from chalice.config import Config
from chalice.local import LocalGateway

from chalicelib.api.application import Application


def _app_where_two_requests_overlap() -> tuple[Application, threading.Barrier]:
    app, both_in = Application(app_name="overlap"), threading.Barrier(2, timeout=30)

    @app.route("/who")
    def who():
        before = app.current_request.query_params["n"]
        both_in.wait()  # the other thread's request has been set on the app by now
        return {"before": before, "after": app.current_request.query_params["n"]}

    return app, both_in


def test_two_views_running_at_once_each_read_their_own_request():
    app, _ = _app_where_two_requests_overlap()
    gateway, answers = LocalGateway(app, Config()), {}

    def call(n: str) -> None:
        answers[n] = json.loads(gateway.handle_request("GET", f"/who?n={n}", {"host": "localhost"}, b"")["body"])

    threads = [threading.Thread(target=call, args=(n,)) for n in ("1", "2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert answers == {"1": {"before": "1", "after": "1"}, "2": {"before": "2", "after": "2"}}


def test_each_app_and_each_thread_has_its_own_value():
    one, two = Application(app_name="one"), Application(app_name="two")
    one.current_request = "mine"
    seen = []
    t = threading.Thread(target=lambda: seen.append(one.current_request))
    t.start()
    t.join(timeout=30)
    assert (one.current_request, two.current_request, seen) == ("mine", None, [None])
