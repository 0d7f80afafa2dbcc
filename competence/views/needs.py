"""The needs analysis: leaders see their own schools, administrators every school, the
whole organisation or one school (``?school=``); the same table as Excel."""

from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from goals.context import request_context
from vuxportal.access import PortalAccessMixin
from vuxportal.views.generic import PageMixin

from .. import needs as needs_selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class NeedsView(PageMixin, PortalAccessMixin, TemplateView):
    """Per framework and competence: the share below the target level, its change, and
    the planned sessions covering it. Groups under the minimum size are withheld."""

    permission_required = "competence.view_aggregates"
    template_name = "competence/needs.html"
    title = _("Competence needs")

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            context = self._needs()
            body = needs_selectors.excel(context["needs"], title=self._heading(context))
            response = HttpResponse(body, content_type=XLSX)
            response["Content-Disposition"] = 'attachment; filename="kompetensbehov.xlsx"'
            return response
        return super().get(request, *args, **kwargs)

    def _needs(self) -> dict:
        ctx = request_context(self.request)
        schools, school, all_schools = needs_selectors.need_schools(self.request.user, ctx)
        if school is not None:
            school_ids = {school.pk}
        elif all_schools:
            school_ids = None  # the whole organisation
        else:
            school_ids = {s.pk for s in schools}
        return {
            "schools": schools,
            "school": school,
            "all_schools": all_schools,
            "periods": list(reversed(ctx.periods)),
            "period": ctx.period,
            "needs": needs_selectors.needs_for(period=ctx.period, school_ids=school_ids),
        }

    @staticmethod
    def _heading(context) -> str:
        where = context["school"].name if context["school"] else gettext("all your schools")
        if context["school"] is None and context["all_schools"]:
            where = gettext("the whole organisation")
        return gettext("Competence needs, %(period)s, %(where)s") % {
            "period": context["period"] or "–",
            "where": where,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self._needs())
        context["heading"] = self._heading(context)
        query = self.request.GET.copy()
        query["format"] = "xlsx"
        context["excel_query"] = query.urlencode()
        return context
