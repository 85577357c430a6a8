"""Execution of analyze(): a local process pool (``local``)."""
