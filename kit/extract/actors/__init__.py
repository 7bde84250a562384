"""Actor mentions, who is who among people, and the corpus-level actors tables."""
