# Sourced by bin/run: the development environment (apart, so a test can check it).
export DEBUG=1
export PORT="${PORT:-8000}"
# Links in mails and feeds must point at the port the development server really listens on.
export SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT}}"
