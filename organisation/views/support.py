"""Support requests: asking for help, the thread with the handlers, and routing."""

from django.contrib import messages
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic.detail import SingleObjectMixin

from vuxportal.access import ScopedViewMixin
from vuxportal.uploads import file_response
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    ServiceFormMixin,
)

from .. import services
from ..filters import SupportRequestFilterSet
from ..forms import SupportHandleForm, SupportReplyForm, SupportRequestForm
from ..models import SupportRequest
from ..tables import SupportRequestTable


class SupportRequestListView(ObjectListView):
    permission_required = "organisation.use_support"
    queryset = SupportRequest.objects.select_related("school", "requester", "handling_group")
    filterset_class = SupportRequestFilterSet
    table_class = SupportRequestTable
    title = _("Support")
    template_name = "organisation/support_list.html"
    header_actions = [
        (_("Ask for help"), "organisation:support_create", "organisation.use_support", "primary"),
        (_("Help articles"), "organisation:help_list", "organisation.view_help", "outline-primary"),
    ]


class SupportRequestCreateView(ObjectCreateView):
    permission_required = "organisation.use_support"
    model = SupportRequest
    form_class = SupportRequestForm
    title = _("Ask for help")
    cancel_url_name = "organisation:support_list"
    success_message = _("Your request was sent. You get an email when someone replies.")

    def save_object(self, form):
        # The service routes the request and tells the handlers.
        return services.support_request_file(requester=self.request.user, **form.cleaned_data)


class SupportRequestDetailView(ServiceFormMixin, ObjectDetailView):
    """The request, its thread and, for handlers, status and routing. POST adds a reply."""

    permission_required = "organisation.use_support"
    model = SupportRequest
    queryset = SupportRequest.objects.select_related(
        "school", "requester", "handling_group", "help_article"
    )
    template_name = "organisation/support_detail.html"
    detail_fields = ["category", "school", "requester", "status", "created", "description"]

    @cached_property
    def is_handler(self) -> bool:
        return services.support_is_handler(request=self.object, user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request, is_handler = self.object, self.is_handler
        context["is_handler"] = is_handler
        # Leaders of the school follow the request; the requester and handlers talk.
        context["can_reply"] = is_handler or request.requester_id == self.request.user.pk
        context["replies"] = request.replies.select_related("author")
        context.setdefault("reply_form", SupportReplyForm(is_handler=is_handler))
        if is_handler:
            context["handle_form"] = SupportHandleForm(
                instance=request, prefix="handle", user=self.request.user
            )
            context["can_publish"] = (
                request.status == SupportRequest.Status.RESOLVED
                and not hasattr(request, "help_article")
            )
        return context

    def post(self, request, pk):
        self.object = self.get_object()
        form = SupportReplyForm(request.POST, is_handler=self.is_handler)
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def perform(self, form):
        services.support_reply_add(
            request=self.object,
            author=self.request.user,
            body=form.cleaned_data["body"],
            status=form.cleaned_data.get("status") or None,
        )
        messages.success(self.request, gettext("Your reply was sent."))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(reply_form=form), status=400)

    def get_success_url(self):
        return self.object.get_absolute_url()


class SupportRequestHandleView(ObjectPostActionView):
    """Handlers change the status or hand the request to another group."""

    permission_required = "organisation.use_support"
    model = SupportRequest

    def perform(self, support_request):
        form = SupportHandleForm(
            self.request.POST, instance=support_request, prefix="handle", user=self.request.user
        )
        if not form.is_valid():
            # The form lives on the request's page, so its errors come back as messages.
            for errors in form.errors.values():
                messages.error(self.request, " ".join(errors))
            return None
        services.support_request_handle(
            request=support_request,
            by=self.request.user,
            status=form.cleaned_data["status"],
            handling_group=form.cleaned_data["handling_group"],
        )
        return gettext("The request was updated.")

    def get_redirect_url(self, support_request):
        if (
            SupportRequest.objects.visible_to(self.request.user)
            .filter(pk=support_request.pk)
            .exists()
        ):
            return support_request.get_absolute_url()
        # Handed to a group the handler is not in: the request is no longer theirs to see.
        return reverse("organisation:support_list")


class SupportAttachmentView(ScopedViewMixin, SingleObjectMixin, View):
    """Serves an attachment only to those who may see the request."""

    permission_required = "organisation.use_support"
    model = SupportRequest

    def get(self, request, pk):
        return file_response(self.get_object().attachment)
