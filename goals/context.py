"""The request context: the user's schools, the chosen school and the chosen period,
resolved once per request (DESIGN.md, "Apps").

Pages read ``?school=`` and ``?period=`` only through ``request_context(request)``; it
is cached on the request, so the dashboard, its filter and anything else the request
renders share one schools query and one periods query. It lives in goals because
periods are goals' model; apps that need no period (organisation, infrastructure) can
use its ``schools`` and ``school`` all the same.
"""

from __future__ import annotations

from functools import cached_property

from django.http import Http404

from organisation.models import School

from .models import ReportingPeriod

_ATTRIBUTE = "_goals_request_context"


def _pk(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() else None


class RequestContext:
    """What one request is about. Every attribute runs at most one query, the first time
    it is read; none runs for a request that never reads it."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def schools(self) -> list[School]:
        """The active schools the user sees, by name (the one scoping mechanism)."""
        return list(School.objects.active().visible_to(self.request.user).order_by("name"))

    @cached_property
    def school(self) -> School | None:
        """``?school=`` among the user's schools; ``None`` (the whole organisation, or
        nothing asked) otherwise."""
        return self.school_with_pk(self.request.GET.get("school"))

    @property
    def school_asked(self) -> bool:
        """Whether ``?school=`` named a school (in scope or not)."""
        return _pk(self.request.GET.get("school")) is not None

    def school_with_pk(self, value) -> School | None:
        """The user's school with this id (from a query string or a posted form)."""
        pk = _pk(value)
        return next((s for s in self.schools if s.pk == pk), None) if pk is not None else None

    def school_or_404(self, value) -> School | None:
        """As ``school_with_pk``, but a school asked for and not in scope is a 404, as an
        out-of-scope object is everywhere else; nothing asked is ``None``."""
        if _pk(value) is None:
            return None
        school = self.school_with_pk(value)
        if school is None:
            raise Http404
        return school

    @cached_property
    def periods(self) -> list[ReportingPeriod]:
        """Every reporting period, oldest first (they are the plan's, not scoped)."""
        return list(ReportingPeriod.objects.order_by("sort_key"))

    @cached_property
    def period(self) -> ReportingPeriod | None:
        """``?period=`` among the periods, else the current one (one meaning:
        ``ReportingPeriodQuerySet.current_of``)."""
        pk = _pk(self.request.GET.get("period"))
        chosen = next((p for p in self.periods if p.pk == pk), None) if pk is not None else None
        return chosen or ReportingPeriod.objects.current_of(self.periods)


def request_context(request) -> RequestContext:
    """The request's context, made on first use and kept on the request."""
    context = getattr(request, _ATTRIBUTE, None)
    if context is None:
        context = RequestContext(request)
        setattr(request, _ATTRIBUTE, context)
    return context
