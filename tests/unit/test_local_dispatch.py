"""The local stack's dispatcher loop: the sweep at start drains what an earlier run left pending;
later sweeps read one page each, so that under load (the index always full of messages just
announced) they do not keep scanning the table and announced messages go out in between."""
import threading

from infra.local_dispatch import Wakeups, dispatch_loop


class _Dispatcher:
    """Three full pages left by an earlier run, then an index whose every page is full, as under
    load, with a new message announced at each sweep; stops the loop after `calls` sweeps."""

    def __init__(self, wakeups: Wakeups, stop: threading.Event, calls: int):
        self.wakeups, self.stop, self.calls = wakeups, stop, calls
        self.pages = [25, 25, 25, 0]
        self.log: list[str] = []

    def dispatch_due(self) -> int:
        drained = not self.pages
        page = 25 if drained else self.pages.pop(0)
        self.log.append(f"sweep {page}")
        if drained:
            self.wakeups.now("SY-1", str(len(self.log)))
        if len(self.log) >= self.calls:
            self.stop.set()
        return page

    def dispatch_one(self, tracking_no: str, message_id: str) -> None:
        self.log.append("send")


def test_the_first_sweep_drains_the_index_and_later_ones_read_one_page():
    stop, wakeups = threading.Event(), Wakeups()
    dispatcher = _Dispatcher(wakeups, stop, calls=9)
    dispatch_loop(dispatcher, wakeups, stop, sweep_seconds=0)
    assert dispatcher.log == ["sweep 25", "sweep 25", "sweep 25", "sweep 0",
                              "sweep 25", "send", "sweep 25", "send", "sweep 25", "send"]
