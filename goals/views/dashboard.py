"""The dashboard: goal progress per school and overall, indicators against targets."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from vuxportal.access import PortalAccessMixin
from vuxportal.views.generic import PageMixin

from .. import selectors
from ..context import request_context
from ..forms import DashboardFilterForm


class DashboardView(PageMixin, PortalAccessMixin, TemplateView):
    """Goal progress per school and overall, indicators against targets, actions."""

    permission_required = "goals.view_dashboard"
    template_name = "goals/dashboard.html"
    title = _("Goals and progress")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # The request context loads periods and schools once; the filter and the
        # selector share them.
        ctx = request_context(self.request)
        # Worked out only when the template draws them: the page's content is kept under
        # the data's version, and a kept page reads none of it.
        data = SimpleLazyObject(
            lambda: selectors.dashboard(
                period=ctx.period,
                school=ctx.school,
                user=user,
                periods=ctx.periods,
                schools=ctx.schools,
            )
        )
        context.update(
            {
                "filter_form": DashboardFilterForm(context=ctx),
                "data": data,
                "prerequisites": SimpleLazyObject(
                    lambda: selectors.prerequisite_follow_ups(plan=data.plan, period=ctx.period)
                ),
                "can_report": user.has_perm("goals.report"),
            }
        )
        return context
