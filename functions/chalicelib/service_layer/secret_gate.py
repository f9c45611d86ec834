"""The one gate in front of every secret a client may guess: an access token, a registration's
manage link, a staff password. One client gets only so many wrong tries in the limit's window
(they share one budget, `limits.secret`), then every try is Limited before any secret is read."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..domain.errors import NotFound
from ..domain.limits import Count, Limited
from .deps import Deps


@contextmanager
def guessing(deps: Deps, purpose: str, client: str | None,
             wrong: tuple[type[BaseException], ...] = (NotFound,)) -> Iterator[None]:
    """Run the block as one try of `client` at a secret for `purpose`: Limited up front once
    the client has spent its wrong tries; any `wrong` raised inside counts as one more. Without a
    client (the portal's own calls) nothing is counted."""
    count = Count(deps.limits.secret, deps.links.pseudonym(purpose, client), deps.clock.now()) if client else None
    if count and deps.store.counted(count) >= count.limit.most:
        raise Limited(count.limit, count.limit.retry_after(count.now))
    try:
        yield
    except wrong:
        if count:
            deps.store.count(count)
        raise
