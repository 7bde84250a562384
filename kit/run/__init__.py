"""Running an analysis: the per-batch pipeline, fingerprint, engines, store and stream."""
