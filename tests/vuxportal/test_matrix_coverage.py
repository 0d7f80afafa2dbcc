"""Every page and API endpoint of the portal is in the permission matrix.

A new view joins the matrix with one ``Case`` line in its app's
``tests/<app>/test_permissions.py``; this test fails until it does.
"""

import importlib
import pkgutil

from django.urls import URLPattern, URLResolver, get_resolver

import tests

# Public or third-party URLs, each with its reason.
EXEMPT = {
    "healthz",  # public by design: load balancers probe it
    "accessibility",  # public by law: the accessibility statement
    "set_language",  # Django's language switch, works for anyone
    "javascript-catalog",  # Django's translations for scripts
    "api-root",  # DRF's browsable index of the router
    "api-schema",  # OpenAPI schema, tested in tests/vuxportal/test_api_docs.py
    "api-docs",
}
EXEMPT_NAMESPACES = {"admin"}
EXEMPT_PREFIXES = ("account_", "mfa_", "socialaccount_", "openid_connect_")


def _names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in EXEMPT_NAMESPACES:
                continue
            # allauth's and Django's own URL trees are not ours to test here.
            module = getattr(pattern.urlconf_module, "__name__", "")
            if module.startswith(("allauth", "django.")):
                continue
            yield from _names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if "format" in str(pattern.pattern):
                continue  # DRF's .json suffix duplicates
            yield namespace + pattern.name


def _cases():
    covered = set()
    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if not module.name.endswith("test_permissions"):
            continue
        for case in getattr(importlib.import_module(module.name), "CASES", []):
            covered.add(case.url_name)
    return covered


def test_every_url_is_in_the_permission_matrix():
    names = {
        name
        for name in _names(get_resolver())
        if name not in EXEMPT and not name.startswith(EXEMPT_PREFIXES)
    }
    missing = sorted(names - _cases())
    assert not missing, f"URLs missing from the permission matrix: {missing}"
