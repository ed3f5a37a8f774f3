"""Gunicorn settings for the Carers Hub image (the Dockerfile's CMD): `gunicorn --config deploy/gunicorn.conf.py`.

Sizes come from the environment (.env with Docker Compose); command-line options override them.
"""

import os

from carershub.core.logformat import gunicorn_logconfig as _gunicorn_logconfig

wsgi_app = "carershub.wsgi:application"
bind = ["0.0.0.0:8000"]

# Processes, and threads in each. Letters and subject-access files are drawn as PDFs in the
# request (WeasyPrint, CPU-bound), so processes matter more than threads: about one per CPU core.
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Seconds a request may take; a long subject-access PDF is the slowest page.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# A process is replaced after this many requests, so memory a PDF library held on to is returned.
max_requests = 1000
max_requests_jitter = 100

# Whose X-Forwarded-Proto gunicorn itself believes: nobody's, unless FORWARDED_ALLOW_IPS names
# addresses (gunicorn's own default believes 127.0.0.1). Django alone decides, from
# CARERSHUB_BEHIND_PROXY, so a request from inside the container (its health check) is treated as
# the proxy's are, and a wrong setting shows there, not only as a redirect loop behind the proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "")

# The workers' heartbeat files in memory, not on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm"
# No gunicornc control socket: nothing in a container uses it, and it would need a writable home.
control_socket_disable = True

# Both logs to standard output and error, for `docker compose logs`. The access log has the path
# but never the query string or the referrer: a search (GET /people/?q=...) carries names,
# NHS numbers and dates of birth there. The request id is the one on the app's own log lines.
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s %(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'

# In the format the app logs in (settings.LOG_FORMAT: CARERSHUB_LOG_FORMAT, else JSON unless
# CARERSHUB_DEBUG is on), so each line is one JSON object; a request's line carries the fields
# above as JSON (carershub/core/logformat.py), still never the query string.
_debug = os.environ.get("CARERSHUB_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
_log_format = os.environ.get("CARERSHUB_LOG_FORMAT", "text" if _debug else "json")
logconfig_dict = _gunicorn_logconfig(_log_format)  # empty for "text": gunicorn's own plain lines
