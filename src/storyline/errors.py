"""Exceptions turned into the one-line reasons users read, written once for every stage."""

from __future__ import annotations


def one_line(exc: BaseException) -> str:
    """"ValueError: not a valid gzip file": the type and the first line of the message, never a traceback."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
