"""Competence frameworks: the list, one framework, and editing its scale and areas."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from vuxportal.query import count_related
from vuxportal.roles import Role
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
)

from .. import selectors
from ..filters import FrameworkFilterSet
from ..forms import AreaFormSet, CompetenceFormSet, FrameworkForm, LevelFormSet
from ..models import Area, Competence, Framework
from ..tables import FrameworkTable


class FrameworkListView(ObjectListView):
    permission_required = "competence.view_frameworks"
    queryset = Framework.objects.annotate(area_count=count_related(Area.objects, "framework"))
    filterset_class = FrameworkFilterSet
    table_class = FrameworkTable
    title = _("Competence frameworks")
    header_actions = [
        (
            _("New framework"),
            "competence:framework_create",
            "competence.manage_frameworks",
            "primary",
        )
    ]


class FrameworkDetailView(ObjectDetailView):
    permission_required = "competence.view_frameworks"
    model = Framework
    template_name = "competence/framework_detail.html"
    detail_fields = ["code", "description", "is_active"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "levels",
                # Each competence with its upcoming sessions: framework → competence →
                # session, in a fixed number of queries.
                Prefetch(
                    "areas",
                    queryset=Area.objects.prefetch_related(
                        Prefetch(
                            "competences",
                            queryset=Competence.objects.prefetch_related(
                                selectors.upcoming_sessions_prefetch(self.request.user)
                            ),
                        )
                    ),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        framework = self.object
        context["can_manage"] = self.request.user.has_perm("competence.manage_frameworks")
        context["audience"] = [Role(r).label for r in framework.audience_roles if r in Role.values]
        context["target"] = next(
            (lv for lv in framework.levels.all() if lv.value == framework.target_level), None
        )
        return context


class FrameworkCreateView(ObjectCreateView):
    permission_required = "competence.manage_frameworks"
    model = Framework
    form_class = FrameworkForm
    title = _("New framework")
    cancel_url_name = "competence:framework_list"


class FormsetsMixin:
    """An object form with inline formsets, saved together in the form view's one
    transaction (all or nothing); an invalid formset shows the page again."""

    template_name = "competence/framework_form.html"

    def get_formset_classes(self) -> dict:
        raise NotImplementedError(f"{type(self).__name__} must name its formsets by prefix")

    def get_formsets(self):
        data = self.request.POST if self.request.method == "POST" else None
        return {
            prefix: formset(data, instance=self.object, prefix=prefix)
            for prefix, formset in self.get_formset_classes().items()
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formsets", self.get_formsets())
        return context

    def perform(self, form):
        formsets = self.get_formsets()
        if not all(f.is_valid() for f in formsets.values()):
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets))
        self.object = form.save()
        for formset in formsets.values():
            formset.save()
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class FrameworkUpdateView(FormsetsMixin, ObjectUpdateView):
    """The framework with its scale and areas, saved together (all or nothing)."""

    permission_required = "competence.manage_frameworks"
    model = Framework
    form_class = FrameworkForm

    def get_formset_classes(self):
        return {"levels": LevelFormSet, "areas": AreaFormSet}


class AreaUpdateView(FormsetsMixin, ObjectUpdateView):
    """One area's name and its competences."""

    permission_required = "competence.manage_frameworks"
    model = Area
    fields = ["number", "name", "description"]

    def get_queryset(self):
        # Scoped like every object view: areas of frameworks the user may change.
        return Area.objects.filter(framework_id=self.kwargs["framework_pk"])

    def get_formset_classes(self):
        return {"competences": CompetenceFormSet}

    def get_success_url(self):
        return self.object.framework.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.object.framework.get_absolute_url()
        return context
