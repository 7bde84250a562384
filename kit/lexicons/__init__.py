"""The curated tables and word lists, one home each (files in ``kit/data``)."""
