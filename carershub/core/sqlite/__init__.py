"""The SQLite engine of the embedded default (settings.DATABASES): Django's, with WAL switched on safely."""
