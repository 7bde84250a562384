"""The extractors and their registry; each reads the one spaCy parse of a document."""
