"""Domain, service layer and adapters of the proactive-service API (the Chalice project's library)."""
