"""Storyline: raw news pages → clean articles, who said what, who is mentioned."""

__version__ = "0.1.0"
