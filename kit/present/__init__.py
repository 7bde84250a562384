"""Showing results: highlighted documents, widgets, plots, views and rendered pages."""
