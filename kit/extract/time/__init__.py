"""Time expressions: patterns, tense, TimeML values."""
