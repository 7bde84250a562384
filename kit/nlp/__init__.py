"""The spaCy model (setting, loading, long texts) and the token arrays every extractor shares."""
