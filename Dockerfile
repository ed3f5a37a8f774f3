# Carers Hub: the production image. README.md, "Configuring production" > "With Docker Compose".
#
# Built and run once, on 3 December 2026 (Docker 20.10, Compose 2.26), on stand-ins for the base
# images, since that machine could not reach Docker Hub: Debian images with the same software, and
# Python 3.13 in place of 3.12 (every wheel of requirements.txt exists for 3.12 too). README.md,
# "With Docker Compose", says what was checked. tests/production/test_deployment_files.py reads this
# file (stages, user, build steps, health check, what .dockerignore keeps out) and runs the
# gunicorn settings and health checks it names on every test run.
#
# Three stages; only the last is shipped:
#   styles   Node builds build/static/carershub/application.css from the lock file (as `make frontend`)
#   build    Python installs requirements.txt (not the dev tools) into /opt/venv, and GNU gettext
#            compiles the Welsh catalogue (as `make install`)
#   runtime  slim Python with WeasyPrint's libraries and fonts, the code and the collected static
#            files; no Node, no gettext, no compiler; runs as uid 10001, which cannot write to it.

FROM node:20.20.2-bookworm-slim AS styles
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY carershub/core/frontend/ carershub/core/frontend/
RUN npm run --silent build


FROM python:3.12-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
COPY requirements.txt /src/requirements.txt
RUN /opt/venv/bin/pip install --requirement /src/requirements.txt
COPY carershub/locale/ /src/carershub/locale/
RUN msgfmt --check-format \
    --output-file=/src/carershub/locale/cy/LC_MESSAGES/django.mo \
    /src/carershub/locale/cy/LC_MESSAGES/django.po


FROM python:3.12-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=carershub.settings \
    XDG_CACHE_HOME=/tmp/.cache

# WeasyPrint 70 loads Pango, HarfBuzz (with its subsetter) and fontconfig when imported: its
# installation guide lists libpango-1.0-0, libpangoft2-1.0-0 and libharfbuzz-subset0 for Debian 11
# and later (libharfbuzz0b and libfontconfig1 come with them). fontconfig builds the font cache at
# install, so nothing is written at run time. The letters and subject-access PDFs ask for
# "DejaVu Sans" (regular, bold and italic; Welsh ŵ and ŷ included).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
        fontconfig fonts-dejavu-core fonts-dejavu-extra \
    && rm -rf /var/lib/apt/lists/*

# A fixed uid and gid, so volumes and a Kubernetes runAsUser can name them. The documents folder
# (CARERSHUB_DOCUMENT_ROOT in compose.yaml, decision 27) is theirs and nobody else's, so the named
# volume mounted on it starts out writable by the service.
RUN groupadd --system --gid 10001 carershub \
    && useradd --system --uid 10001 --gid carershub --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin carershub \
    && install -d -o 10001 -g 10001 -m 700 /var/lib/carershub/documents

WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY . /app
COPY --from=styles /src/build/static/ /app/build/static/
# settings.STATICFILES_DIRS names GOV.UK Frontend's files in node_modules; only they are kept.
COPY --from=styles /src/node_modules/govuk-frontend/dist/govuk/ /app/node_modules/govuk-frontend/dist/govuk/
COPY --from=build /src/carershub/locale/cy/LC_MESSAGES/django.mo /app/carershub/locale/cy/LC_MESSAGES/django.mo

# Static files are collected once, here, into build/collected-static (settings.STATIC_ROOT), for
# WhiteNoise to serve with their manifest. Settings refuse to load without a secret key and an
# encryption key, so this step makes throwaway ones that exist only in this RUN's environment:
# they are in no ENV, ARG or layer. The database URL is never connected to.
# The catalogue is touched because check_config wants it newer than the .po beside it, which a
# cached build stage does not promise. Then the code is compiled once and made unwritable.
RUN CARERSHUB_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    CARERSHUB_ENCRYPTION_KEYS="$(python -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())')" \
    DATABASE_URL=postgres://collectstatic@build.invalid/none \
    python manage.py collectstatic --no-input --verbosity 0 \
    && touch carershub/locale/cy/LC_MESSAGES/django.mo \
    && python -m compileall -q carershub deploy \
    && chmod -R go-w /app

USER 10001:10001
EXPOSE 8000
# GET /healthz with Python's urllib (the slim image has no curl): deploy/healthcheck.py.
# Compose gives the worker and the one-off jobs, which run this image without a web server, their own.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "deploy/healthcheck.py", "web"]
# Workers, threads and timeout from GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_TIMEOUT; bound to
# 0.0.0.0:8000; access log on standard output. See deploy/gunicorn.conf.py.
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py"]
