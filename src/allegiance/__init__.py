"""Allegiance: evidence-backed political event data from news."""

__version__ = "0.1.0"
