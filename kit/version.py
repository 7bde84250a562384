"""The kit's version (one home; ``kit.__version__`` re-exports it)."""

__version__ = "0.1.0"
