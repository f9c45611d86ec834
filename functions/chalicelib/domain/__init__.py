"""Domain model: request forms, identifiers, the request lifecycle, routing and messages. No I/O."""
