"""A Redis cache that fails soft.

Django's ``RedisCache`` raises ``redis.ConnectionError`` from every cache call while
Redis is down, and the cache sits under sign-in (allauth's rate limits), the dashboard's
live indicator values and more — so one stopped Redis would turn every page into a 500.
The cache only ever holds things that can be computed again, so here a Redis failure is
logged (at most once a minute per process) and treated as a miss: reads return the
default, writes are dropped, and the pages keep working, just without the cache. The
short socket timeouts (settings) keep a hung Redis from stalling requests.

Rate limits are the one thing that weakens while Redis is down (counts are not kept);
that is the price of keeping sign-in available, and the outage shows in ``/healthz``.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_LOG_EVERY = 60.0
_last_logged = 0.0


def _log(operation: str, error: Exception) -> None:
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= _LOG_EVERY:
        _last_logged = now
        logger.warning("Cache unavailable (%s: %s); serving without the cache.", operation, error)


def _soft(fallback):
    """Wraps a cache method: on a Redis error return ``fallback(*args, **kwargs)``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                _log(method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, version=None):
    return default


class FailSoftRedisCache(RedisCache):
    """``RedisCache`` whose calls never raise because Redis is unreachable."""

    # add() answers "stored": callers use it as a lock (allauth's rate limits spin until
    # they get one), and with no shared cache there is nobody to contend with.
    add = _soft(lambda *a, **k: True)(RedisCache.add)
    get = _soft(_default)(RedisCache.get)
    set = _soft(lambda *a, **k: None)(RedisCache.set)
    touch = _soft(lambda *a, **k: False)(RedisCache.touch)
    delete = _soft(lambda *a, **k: False)(RedisCache.delete)
    get_many = _soft(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _soft(lambda *a, **k: False)(RedisCache.has_key)
    set_many = _soft(lambda *a, **k: [])(RedisCache.set_many)
    delete_many = _soft(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _soft(lambda *a, **k: False)(RedisCache.clear)

    @_soft(lambda key, delta=1, version=None: delta)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)
