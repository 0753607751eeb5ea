"""annotator: label claims, denials, demands and quotes in news articles."""

__version__ = "0.1.0"
