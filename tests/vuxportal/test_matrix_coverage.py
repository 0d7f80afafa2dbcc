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


def _api_methods(resolver, namespace=""):
    """(url name, method) for every method an API route accepts."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _api_methods(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            actions = getattr(pattern.callback, "actions", None)
            if not actions or "format" in str(pattern.pattern):
                continue
            allowed = pattern.callback.cls.http_method_names
            for method in actions:
                if method in allowed and method not in ("head", "options"):
                    yield namespace + pattern.name, method


def test_every_api_method_is_in_the_permission_matrix():
    covered = set()
    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if module.name.endswith("test_permissions"):
            for case in getattr(importlib.import_module(module.name), "CASES", []):
                covered.add((case.url_name, case.method))
    methods = set(_api_methods(get_resolver()))
    assert len(methods) > 40  # the walk found the router's routes
    missing = sorted(methods - covered)
    assert not missing, f"API methods missing from the permission matrix: {missing}"


def test_the_api_neither_replaces_nor_deletes():
    methods = {method for _name, method in _api_methods(get_resolver())}
    assert methods <= {"get", "post", "patch"}
