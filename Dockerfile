# edumock as a service container: docs/deploy.md.
#   docker build -t edumock .
#   docker run -p 8080:8080 -e EDUMOCK_ADMIN_KEY=change-me edumock
# Any Debian-like base with python3 (3.11+) and its venv module will do.
ARG BASE=python:3.11-slim

FROM ${BASE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
# The dependencies come from pyproject.toml alone, so a change to the sources reuses this layer.
COPY pyproject.toml ./
RUN python3 -m venv /opt/edumock \
 && python3 -m venv /opt/wheel \
 && /opt/wheel/bin/pip install --quiet hatchling \
 && python3 -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
 && /opt/edumock/bin/pip install --quiet -r requirements.txt
COPY README.md ./
COPY specs specs
COPY fixtures fixtures
COPY src src
RUN /opt/wheel/bin/pip wheel --quiet --no-deps --no-build-isolation --wheel-dir /wheels . \
 && /opt/edumock/bin/pip install --quiet --no-deps /wheels/edumock-*.whl \
 && /opt/edumock/bin/pip uninstall --quiet --yes pip setuptools

FROM ${BASE}
COPY --from=build /opt/edumock /opt/edumock
RUN useradd --uid 10001 --create-home --home-dir /home/edumock edumock
USER edumock
WORKDIR /home/edumock
ENV PATH=/opt/edumock/bin:$PATH PYTHONUNBUFFERED=1 EDUMOCK_HOST=0.0.0.0 EDUMOCK_PORT=8080
# Parse the specs once now, so each start reads them from the cache in the image.
RUN python3 -c "from edumock.registry import select; from edumock.app import create_app; \
from edumock.settings import Settings; create_app(Settings(), select(()))"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 CMD ["python3", "-c", "\
import os, urllib.request as r; \
r.urlopen(r.Request('http://127.0.0.1:%s/__admin/health' % os.environ['EDUMOCK_PORT'], \
headers={'X-Edumock-Admin-Key': os.environ.get('EDUMOCK_ADMIN_KEY', '')}), timeout=3)"]
# edumock itself is process 1: it gets the SIGTERM of `docker stop` and shuts down cleanly.
ENTRYPOINT ["edumock"]
CMD ["serve"]
