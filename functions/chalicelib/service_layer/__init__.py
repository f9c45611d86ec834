"""Use cases: submit a request, look it up, dispatch its messages. Talks to ports only."""
