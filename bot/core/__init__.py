"""The conversation: knows no platform."""
