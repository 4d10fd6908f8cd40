"""Gunicorn settings for one Kalm web process (docs/decisions/0015-production-web-server.md).

``kalm-web@PORT.service`` starts ``gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:PORT``;
nginx spreads requests over the ports. Worker and thread counts come from the environment file
(/etc/kalm/kalm.env) so one unit file fits machines of every size.
"""

import os

wsgi_app = "kalm.wsgi:application"

# Threads, not processes alone: a chat's server-sent-event stream holds a thread for up to 55 s
# (docs/decisions/0004), so each process needs spare threads for ordinary pages.
worker_class = "gthread"
workers = int(os.environ.get("KALM_WEB_WORKERS", "2"))
threads = int(os.environ.get("KALM_WEB_THREADS", "8"))

# gthread's timeout watches the worker's main loop, not one request, so 55 s streams are safe;
# graceful_timeout lets a reload wait for the longest stream to end on its own.
timeout = 75
graceful_timeout = 60
keepalive = 5

# A worker is replaced after this many requests (bounded memory growth, e.g. encoder caches).
# Not fewer: a new worker imports Kalm again (about 1.5 s of CPU), which at 2,000 requests was
# 0.8 ms of every request's CPU under intake load; at 20,000 it is 0.08 ms.
max_requests = 20000
max_requests_jitter = 2000

# Each worker touches a heartbeat file twice per request. On a disk-backed /tmp (ext4 on a
# virtual disk here) that metadata write cost 1.2 ms each; in memory it is microseconds.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# nginx on the same machine sets X-Forwarded-For/-Proto; nobody else may.
forwarded_allow_ips = "127.0.0.1,::1"

# One access-log line per request on stdout (the journal), naming the process that served it.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms pid=%(p)s'


def post_worker_init(worker):
    """The loaded application (Django, Kalm and their modules, ~200,000 objects) lives as long
    as the process: frozen out of the cyclic garbage collector's sight, its full collections no
    longer walk it (about 0.3 ms of CPU per API case; bench/throughput.py)."""
    import gc

    gc.freeze()
