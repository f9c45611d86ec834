"""HTTP-facing pieces: response schemas, the OpenAPI document, request parsing and errors."""
