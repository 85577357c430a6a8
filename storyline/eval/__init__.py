"""Readers and writers for public benchmark formats (the data itself is read from a path, never shipped)."""
