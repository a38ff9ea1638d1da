"""The one error the hall's agent raises at start, kept light so the command line can catch it
without loading the network libraries."""

from __future__ import annotations


class AgentError(Exception):
    """The remote control cannot start; the message says why and what to do."""
