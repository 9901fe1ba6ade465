"""gunicorn for Newsroom, behind a reverse proxy that buffers requests (issue 9):

    gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi

Every value below comes from the environment, with the default shown; an
option on gunicorn's command line still wins over this file. The variables:

    BIND                          address(es) to listen on, comma-separated
                                  (default 127.0.0.1:$PORT, PORT default 8000)
    WEB_CONCURRENCY               worker processes (default 2 x CPUs + 1)
    GUNICORN_WORKER_CLASS         sync (default; only behind a buffering proxy)
    GUNICORN_THREADS              threads per worker (1)
    GUNICORN_TIMEOUT              seconds a worker may stay silent (30)
    GUNICORN_GRACEFUL_TIMEOUT     seconds to finish requests on restart (30)
    GUNICORN_KEEPALIVE            seconds an idle keep-alive connection waits (5)
    FORWARDED_ALLOW_IPS           the proxy's addresses (127.0.0.1,::1)
    GUNICORN_MAX_REQUESTS         requests before a worker is replaced (1000)
    GUNICORN_MAX_REQUESTS_JITTER  random extra requests, 0 to this (100)
    GUNICORN_ACCESS_LOG           access log file, - for stdout (-)
    GUNICORN_ERROR_LOG            error log file, - for stderr (-)
    GUNICORN_ACCESS_LOG_FORMAT    access log line (see access_log_format below)
    GUNICORN_CONTROL_SOCKET       gunicornc's socket (default: none)
    WEB_STATEMENT_TIMEOUT_MS      PostgreSQL statement timeout for requests (5000)
"""

import os


def _int(name, default):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None


def _cpus():
    # The CPUs this process may use (taskset, cpuset), not all the machine's.
    # A container's CPU quota is not visible here: set WEB_CONCURRENCY there.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS has no affinity call
        return os.cpu_count() or 1


# The proxy runs on the same machine by default, so only it can reach us; set
# BIND=0.0.0.0:8000 (or a unix:/run/... socket) when it runs elsewhere.
bind = os.environ.get("BIND", f"127.0.0.1:{_int('PORT', 8000)}").split(",")

# A sync worker serves one request at a time; while one waits on PostgreSQL or
# Redis another can use the CPU, hence gunicorn's rule of thumb of 2 x CPUs + 1.
# Each worker holds its own database connection (CONN_MAX_AGE): workers x app
# servers must stay under PostgreSQL's max_connections.
workers = _int("WEB_CONCURRENCY", 2 * _cpus() + 1)

# Sync workers are right ONLY behind a proxy that buffers the request body and
# the response (nginx does both by default: proxy_request_buffering and
# proxy_buffering on). The proxy then hands over a whole request and takes the
# whole response at memory speed, so a slow or stalled client holds a proxy
# connection, never a worker. Exposed directly, three clients that send their
# headers and stall the body would freeze three sync workers until `timeout`;
# without such a proxy use GUNICORN_WORKER_CLASS=gthread with GUNICORN_THREADS.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
# More than one thread turns a sync worker into gthread (gunicorn does so itself).
threads = _int("GUNICORN_THREADS", 1)

# A worker that has not reported for this long is killed and replaced. It is
# well above the database statement timeout (WEB_STATEMENT_TIMEOUT_MS), so a
# slow query ends as an error page first instead of a killed worker.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On a restart or a deploy (HUP, TERM), requests in flight get this long.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Sync workers close the connection after each response (the proxy keeps the
# readers' connections open); this applies only to the other worker classes.
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# X-Forwarded-Proto and friends are believed only from these addresses: the
# proxy's. Django's side of the same trust is SECURE_PROXY_SSL_HEADER and
# TRUSTED_PROXY_COUNT (newsroom/settings/).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Replacing each worker after about this many requests gives back memory that
# a long-lived process keeps (image uploads, fragmentation); the jitter spreads
# the restarts so that the workers are not all replaced at the same moment.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
# The request time in milliseconds (%(M)s) and the worker's pid (%(p)s) find a
# slow page and the worker that served it. The reader's address is not logged:
# the proxy's log has it, and it is personal data (see COMMENTS_IP_RETENTION_DAYS).
access_log_format = os.environ.get(
    "GUNICORN_ACCESS_LOG_FORMAT", '%(t)s %(p)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
)

# gunicorn's control socket has one path per user by default, so a second
# gunicorn on the machine (the benchmark's, a test's) would take it over: off
# unless asked for.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

# The statement timeout for requests, given to the workers only: `manage.py
# migrate`, the task worker (`manage.py db_worker`: newsletter batches) and a
# shell load the same settings without gunicorn, so they keep no limit (or the
# one DATABASE_STATEMENT_TIMEOUT_MS gives them; see newsroom/settings/base.py).
raw_env = [f"DATABASE_STATEMENT_TIMEOUT_MS={_int('WEB_STATEMENT_TIMEOUT_MS', 5000)}"]
