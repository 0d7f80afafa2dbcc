"""Practice sharing: examples, sharing and editing one, "I used this", the attachment."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal.query import count_related
from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    ObjectUpdateView,
)

from .. import services
from ..filters import PracticeExampleFilterSet
from ..forms import PracticeExampleForm
from ..models import PracticeExample, PracticeUse
from ..tables import PracticeExampleTable
from .records import FileDownloadView


class ExampleListView(ObjectListView):
    permission_required = "competence.share_practice"
    queryset = PracticeExample.objects.select_related("author").annotate(
        use_count=count_related(PracticeUse.objects, "example")
    )
    filterset_class = PracticeExampleFilterSet
    table_class = PracticeExampleTable
    title = _("Practice examples")
    header_actions = [
        (
            _("Share an example"),
            "competence:example_create",
            "competence.share_practice",
            "primary",
        )
    ]


class ExampleDetailView(ObjectDetailView):
    permission_required = "competence.share_practice"
    model = PracticeExample
    template_name = "competence/example_detail.html"
    detail_fields = ["summary", "subject", "tools", "link"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("author", "school")
            .prefetch_related("competences")
            .annotate(use_count=count_related(PracticeUse.objects, "example"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["is_author"] = self.object.author_id == user.pk
        context["can_edit"] = is_editable_by(self.object, user)
        # The user's own mark on an example they already see: no scoping question.
        context["has_used"] = PracticeUse.objects.filter(example=self.object, person=user).exists()
        return context


class ExampleFormMixin:
    """Sharing or editing an example goes through ``services.example_save``."""

    model = PracticeExample
    form_class = PracticeExampleForm
    permission_required = "competence.share_practice"
    success_message = _("The example was saved.")

    def save_object(self, form):
        data = dict(form.cleaned_data)
        competences = data.pop("competences")
        # No new upload keeps the attachment the example already has.
        if not data.get("attachment"):
            data.pop("attachment", None)
        return services.example_save(
            author=self.request.user,
            example=getattr(self, "object", None),
            competences=competences,
            **data,
        )


class ExampleCreateView(ExampleFormMixin, ObjectCreateView):
    title = _("Share a practice example")
    cancel_url_name = "competence:example_list"


class ExampleUpdateView(ExampleFormMixin, ObjectUpdateView):
    pass


class ExampleUseView(ObjectPostActionView):
    """ "I used this" on a published example anyone with the permission can see."""

    permission_required = "competence.share_practice"
    scope = "view"
    model = PracticeExample

    def get_queryset(self):
        return PracticeExample.objects.all().filter(is_published=True)

    def perform(self, example):
        if services.example_mark_used(example=example, person=self.request.user):
            return gettext("Thank you! Your use was counted.")
        return gettext("You have already marked this example as used.")


class AttachmentView(FileDownloadView):
    permission_required = "competence.share_practice"
    field_name = "attachment"

    def get_queryset(self):
        return PracticeExample.objects.all()
