# syntax=docker/dockerfile:1
#
# winnow images. Stages, in order:
#   build    - builds wheels of winnow and of all its dependencies into /wheels.
#   base     - python:3.11-slim with the wheels installed and the non-root user (UID 10001).
#   loadtest - the load test (`winnow-loadtest`) with the seed documents in /app/seeds:
#                docker build --target loadtest -t winnow-loadtest .
#                docker run --rm --network NET -e WINNOW_TARGET=winnow:50051 winnow-loadtest \
#                  --requests 500 --concurrency 8
#   runtime  - the gRPC server. It is the LAST stage, so a plain `docker build .` gives it:
#                docker build -t winnow .
#                docker run --rm -p 50051:50051 winnow
#
# The server listens on WINNOW_ADDRESS (0.0.0.0:50051 here); the health check asks it over
# the standard grpc.health.v1 service with the bundled `winnow health` command.
# Needs BuildKit (the default builder since Docker 23) for `RUN --mount`.

# ---------------------------------------------------------------------------------------
FROM python:3.11-slim AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src

# Only what the wheel is built from; see .dockerignore for the rest.
COPY pyproject.toml README.md ./
COPY proto/ proto/
COPY server/ server/
COPY client/ client/

# Wheels of winnow and of every dependency (all of them ship manylinux wheels for
# CPython 3.11, so no compiler is needed here).
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

# ---------------------------------------------------------------------------------------
FROM python:3.11-slim AS base

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

# Install from the build stage's wheels only (--no-index): the wheels are bind-mounted,
# so they take no room in the image.
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links=/wheels /wheels/*.whl

# A fixed, non-root UID/GID so that volume permissions and runAsUser policies are stable.
RUN groupadd --system --gid 10001 winnow \
    && useradd --system --no-log-init --uid 10001 --gid 10001 \
       --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin winnow

WORKDIR /app

# ---------------------------------------------------------------------------------------
# Not the default target: build it with `--target loadtest`.
FROM base AS loadtest

COPY seeds/*.txt /app/seeds/

# The server to load; `winnow:50051` is the server's service name in a compose file.
ENV WINNOW_TARGET=winnow:50051

USER 10001:10001

ENTRYPOINT ["winnow-loadtest"]

# ---------------------------------------------------------------------------------------
# The default (last) stage: the server.
FROM base AS runtime

ENV WINNOW_ADDRESS=0.0.0.0:50051

USER 10001:10001

EXPOSE 50051

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["winnow", "health", "--address", "127.0.0.1:50051", "--timeout", "3"]

STOPSIGNAL SIGTERM

CMD ["winnow-server"]
