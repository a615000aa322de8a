"""Serving the store: the JSON API (api.py), the HTML pages (pages.py), one app (app.py)."""
