"""Django's SQLite backend with a fair queue in front of the write lock (``ENGINE``: this module)."""
