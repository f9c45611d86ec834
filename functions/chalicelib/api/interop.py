"""Routes for other government systems (work-order exchange, single sign-on): none yet."""
from __future__ import annotations

from .routes import Audience

blueprint = Audience(__name__)
