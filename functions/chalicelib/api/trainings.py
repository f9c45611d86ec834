"""Routes for training registration (seats, waiting list, check-in): none yet."""
from __future__ import annotations

from .routes import Audience

blueprint = Audience(__name__)
