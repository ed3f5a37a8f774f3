"""Helpers of benchmarks/national.py: the dataset builder, the server, the load and the SQL floor.

- ``build``: a region of N synthetic people, their records and activity events, loaded with COPY.
- ``staff``: the benchmark's own signed-in staff (roles, organisations, authenticators).
- ``serve``: collected static files and gunicorn with production settings.
- ``client``: signing in through the real pages, and timing pages under concurrent users.
- ``floor``: each page's own SQL, captured in-process and replayed without Python.
"""
