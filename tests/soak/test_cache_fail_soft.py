"""vuxportal.cache.FailSoftRedisCache: an unreachable Redis is a cache miss, not an error."""

import pytest
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError

from vuxportal.cache import FailSoftRedisCache

from .servers import free_port


@pytest.fixture
def cache():
    # A port nobody listens on: every call fails to connect at once.
    return FailSoftRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )


def test_plain_redis_cache_raises_when_redis_is_down(cache):
    plain = RedisCache(cache._servers[0], {})
    with pytest.raises(RedisConnectionError):
        plain.get("key")


def test_reads_miss_and_writes_are_dropped_when_redis_is_down(cache):
    assert cache.get("key") is None
    assert cache.get("key", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("key") is False
    assert cache.set("key", 1) is None
    assert cache.set_many({"a": 1}) == []
    assert cache.delete("key") is False
    assert cache.delete_many(["a"]) is None
    assert cache.touch("key") is False
    assert cache.incr("counter", 2) == 2
    assert cache.clear() is False
    # add() answers "stored" so lock loops (allauth's rate limits) do not spin.
    assert cache.add("lock", True) is True
    assert cache.get_or_set("computed", lambda: 42) == 42
