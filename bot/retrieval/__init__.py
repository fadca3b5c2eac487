"""Knowledge base -> ranked, scored passages."""
