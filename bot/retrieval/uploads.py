"""What a knowledge file may be, by its name and size alone: the one rule the Telegram channel (which refuses
before it fetches anything), the core (an admin's upload) and the parser all apply. Imports nothing."""

from __future__ import annotations

# The largest knowledge file the knowledge base takes (knowledge/README.md states it): entries are short, so a
# topic's file is tens of kB; the channel refuses a larger one before downloading it.
MAX_FILE_BYTES = 512 * 1024


def is_markdown(name: str) -> bool:
    """Whether a file's name makes it a knowledge file: it ends in `.md`, in any case."""
    return name.lower().endswith(".md")


def within_limit(size: int) -> bool:
    """Whether a file of `size` bytes is small enough to be a knowledge file."""
    return size <= MAX_FILE_BYTES
