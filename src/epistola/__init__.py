"""epistola: a static-site generator for scholarly editions of annotated letters."""

__version__ = "0.1.0"
