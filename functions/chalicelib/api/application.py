"""The Chalice application, with the request it is handling kept per thread.

Chalice keeps `current_request` (and `lambda_context`) on the app object itself. A Lambda process
handles one request at a time, so that is safe in AWS; but the local stack's WSGI server
(waitress, infra/local_http.py) runs several threads over the same app, and one request's view
could read another's headers and query, a signed-in officer's among them. Kept per thread, every
view sees its own request wherever it runs."""
from __future__ import annotations

import threading
from typing import Any

from chalice import Chalice


class PerThread:
    """A data descriptor: the attribute's value is the calling thread's own."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name
        self._values = threading.local()

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        return getattr(self._values, f"{id(obj)}.{self._name}", None)

    def __set__(self, obj: Any, value: Any) -> None:
        setattr(self._values, f"{id(obj)}.{self._name}", value)


class Application(Chalice):
    """Chalice, with the handled request per thread (see the module's docstring)."""

    current_request = PerThread()  # type: ignore[assignment]
    lambda_context = PerThread()  # type: ignore[assignment]
