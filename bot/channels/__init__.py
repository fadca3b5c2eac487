"""Adapters only: platform event -> Incoming, Reply -> platform call."""
