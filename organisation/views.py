"""Administration of schools, people and memberships in the portal itself."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.db.models.functions import TruncMonth
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from vuxportal.access import PortalAccessMixin, ScopedViewMixin
from vuxportal.imports import ImportView
from vuxportal.query import count_related
from vuxportal.scoping import is_editable_by
from vuxportal.uploads import file_response
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    PageMixin,
)

from . import hooks, selectors, services
from .filters import (
    HelpArticleFilterSet,
    PersonFilterSet,
    RoutineFilterSet,
    ScanningNoteFilterSet,
    SchoolFilterSet,
    SupportRequestFilterSet,
    WorkingGroupFilterSet,
)
from .forms import (
    DecisionFormSet,
    HandOverForm,
    HelpArticleForm,
    HelpArticlePublishForm,
    MeetingForm,
    MembershipForm,
    PersonForm,
    PersonInviteForm,
    ResponsibilityFilterForm,
    RoutineForm,
    ScanningNoteForm,
    SchoolForm,
    SupportHandleForm,
    SupportReplyForm,
    SupportRequestForm,
    WorkingGroupForm,
)
from .models import (
    Decision,
    HelpArticle,
    Meeting,
    Membership,
    PlanPart,
    Routine,
    ScanningNote,
    School,
    SupportRequest,
    User,
    WorkingGroup,
    add_months,
)
from .resources import StaffResource
from .responsibilities import responsibilities
from .tables import (
    HelpArticleTable,
    PersonTable,
    RoutineTable,
    ScanningNoteTable,
    SchoolTable,
    SupportRequestTable,
    WorkingGroupTable,
)

# --- Schools --------------------------------------------------------------------------------


class SchoolListView(ObjectListView):
    permission_required = "organisation.manage_schools"
    queryset = School.objects.annotate(
        staff_count=count_related(Membership.objects.current(), "school")
    )
    filterset_class = SchoolFilterSet
    table_class = SchoolTable
    title = _("Schools")
    header_actions = [
        (_("New school"), "organisation:school_create", "organisation.manage_schools", "primary")
    ]


class SchoolDetailView(ObjectDetailView):
    permission_required = "organisation.manage_schools"
    model = School
    template_name = "organisation/school_detail.html"
    detail_fields = ["code", "name", "address", "student_places", "is_active"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = (
            Membership.objects.current()
            .filter(school=self.object)
            .select_related("user")
            .order_by("role", "user__last_name")
        )
        context["edit_url"] = reverse("organisation:school_update", args=[self.object.pk])
        return context


class SchoolCreateView(ObjectCreateView):
    permission_required = "organisation.manage_schools"
    model = School
    form_class = SchoolForm
    title = _("New school")
    cancel_url_name = "organisation:school_list"


class SchoolUpdateView(ObjectUpdateView):
    permission_required = "organisation.manage_schools"
    model = School
    form_class = SchoolForm


# --- People ---------------------------------------------------------------------------------


def _with_current_memberships(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.current().select_related("school"),
            to_attr="current_memberships",
        )
    )


class PersonListView(ObjectListView):
    permission_required = "organisation.view_people"
    queryset = _with_current_memberships(User.objects.all())
    filterset_class = PersonFilterSet
    table_class = PersonTable
    title = _("People")
    header_actions = [
        (
            _("Invite a person"),
            "organisation:person_invite",
            "organisation.manage_people",
            "primary",
        ),
        (
            _("Import staff"),
            "organisation:staff_import",
            "organisation.import_staff",
            "outline-primary",
        ),
    ]


class PersonDetailView(ObjectDetailView):
    permission_required = "organisation.view_people"
    model = User
    template_name = "organisation/person_detail.html"
    detail_fields = ["email", "title", "is_active", "last_login"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.object.memberships.select_related("school").order_by(
            "-ends_on", "role"
        )
        context["can_manage"] = self.request.user.has_perm("organisation.manage_people")
        context["membership_form"] = MembershipForm(user=self.request.user)
        return context


class PersonInviteView(PageMixin, PortalAccessMixin, FormView):
    permission_required = "organisation.manage_people"
    form_class = PersonInviteForm
    template_name = "generic/object_form.html"
    title = _("Invite a person")

    def form_valid(self, form):
        try:
            user = services.person_invite(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext("%(name)s was added.") % {"name": user})
        return HttpResponseRedirect(user.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("organisation:person_list")
        return context


class PersonUpdateView(ObjectUpdateView):
    permission_required = "organisation.manage_people"
    model = User
    form_class = PersonForm


class PersonScopedActionView(ScopedViewMixin, SingleObjectMixin, View):
    """A POST-only action on one person the user may edit."""

    permission_required = "organisation.manage_people"
    scope = "edit"
    model = User


class PersonDeactivateView(PersonScopedActionView):
    def post(self, request, pk):
        person = self.get_object()
        services.person_deactivate(user=person)
        messages.success(request, gettext("%(name)s can no longer sign in.") % {"name": person})
        if responsibilities.for_person(person):
            # What the person was responsible for must not be left without an owner.
            return HttpResponseRedirect(reverse("organisation:hand_over", args=[person.pk]))
        return HttpResponseRedirect(person.get_absolute_url())


class MembershipAddView(PersonScopedActionView):
    def post(self, request, pk):
        person = self.get_object()
        form = MembershipForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.membership_add(user=person, **form.cleaned_data)
                messages.success(request, gettext("The role was added."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            for field_errors in form.errors.values():
                messages.error(request, " ".join(field_errors))
        return HttpResponseRedirect(person.get_absolute_url())


class MembershipEndView(PersonScopedActionView):
    def post(self, request, pk, membership_pk):
        person = self.get_object()
        membership = get_object_or_404(person.memberships, pk=membership_pk)
        try:
            services.membership_end(membership=membership)
            messages.success(request, gettext("The role was ended."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            left = not Membership.objects.current().filter(user=person).exists()
            if left and responsibilities.for_person(person):
                # Their last role ended: what they answered for needs a new owner.
                return HttpResponseRedirect(reverse("organisation:hand_over", args=[person.pk]))
        return HttpResponseRedirect(person.get_absolute_url())


class StaffImportView(ImportView):
    permission_required = "organisation.import_staff"
    resource_class = StaffResource
    title = _("Import staff")
    success_url_name = "organisation:person_list"
    columns_help = _(
        "One row per person and role. Columns: email, first_name, last_name, title, role "
        "(teacher, staff, school_leader, it_staff, administrator, or the Swedish names), "
        "school (the school's code; empty for an organisation-wide role). Swedish headers "
        "(e-post, förnamn, efternamn, titel, roll, skola) work too."
    )

    def after_import(self, result):
        for user in self.resource.created_users:
            services.invitation_send(user=user)


# --- Working groups -------------------------------------------------------------------------


class WorkingGroupListView(ObjectListView):
    permission_required = "organisation.view_working_groups"
    queryset = WorkingGroup.objects.select_related("convener").annotate(
        member_count=count_related(WorkingGroup.members.through.objects.all(), "workinggroup"),
        meeting_count=count_related(Meeting.objects.all(), "group"),
        last_meeting=Subquery(
            Meeting.objects.filter(group=OuterRef("pk")).order_by("-held_on").values("held_on")[:1]
        ),
    )
    filterset_class = WorkingGroupFilterSet
    table_class = WorkingGroupTable
    title = _("Working groups")
    header_actions = [
        (
            _("New working group"),
            "organisation:working_group_create",
            "organisation.manage_working_groups",
            "primary",
        )
    ]


class WorkingGroupDetailView(ObjectDetailView):
    permission_required = "organisation.view_working_groups"
    model = WorkingGroup
    queryset = WorkingGroup.objects.select_related("convener")
    template_name = "organisation/working_group_detail.html"
    detail_fields = ["area", "purpose", "convener", "is_active"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group, user = self.object, self.request.user
        context["members"] = _with_current_memberships(
            group.members.order_by("last_name", "first_name")
        )
        context["meetings"] = group.meetings.annotate(
            decision_count=count_related(Decision.objects.all(), "meeting")
        )
        context["can_edit"] = is_editable_by(group, user)
        context["can_record"] = (
            WorkingGroup.objects.recordable_by(user).filter(pk=group.pk).exists()
        )
        # What the group answers for in other parts of the plan (e.g. goal actions), from
        # the kinds that name a responsible group in the registry.
        context["group_responsibilities"] = [
            (kind, list(kind.items(group=group)[:50]))
            for kind in responsibilities
            if kind.group_field
        ]
        return context


class WorkingGroupCreateView(ObjectCreateView):
    permission_required = "organisation.manage_working_groups"
    model = WorkingGroup
    form_class = WorkingGroupForm
    title = _("New working group")
    cancel_url_name = "organisation:working_group_list"


class WorkingGroupUpdateView(ObjectUpdateView):
    permission_required = "organisation.change_working_groups"
    model = WorkingGroup
    form_class = WorkingGroupForm


class MeetingFormView(PageMixin, PortalAccessMixin, FormView):
    """Records a meeting of a group with up to twenty decisions, all in one transaction."""

    permission_required = "organisation.change_working_groups"
    form_class = MeetingForm
    template_name = "organisation/meeting_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.group = get_object_or_404(
                WorkingGroup.objects.recordable_by(request.user), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return _("New meeting: %(group)s") % {"group": self.group}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "decisions",
            DecisionFormSet(prefix="decisions", form_kwargs={"user": self.request.user}),
        )
        context["group"] = self.group
        context["cancel_url"] = self.group.get_absolute_url()
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        decisions = DecisionFormSet(
            request.POST, prefix="decisions", form_kwargs={"user": request.user}
        )
        if form.is_valid() and decisions.is_valid():
            held_on = form.cleaned_data["held_on"]
            for decision in decisions:
                due_on = decision.cleaned_data.get("due_on")
                if due_on and held_on and due_on < held_on:
                    decision.add_error(
                        "due_on", gettext("The due date cannot be before the meeting.")
                    )
        if form.is_valid() and decisions.is_valid():
            rows = [d.cleaned_data for d in decisions if d.cleaned_data.get("text", "").strip()]
            try:
                meeting = services.meeting_record(
                    group=self.group,
                    decisions=[
                        {"text": r["text"], "responsible": r["responsible"], "due_on": r["due_on"]}
                        for r in rows
                    ],
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, gettext("The meeting was recorded."))
                return HttpResponseRedirect(meeting.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form, decisions=decisions))


class MeetingDetailView(ObjectDetailView):
    permission_required = "organisation.view_working_groups"
    model = Meeting
    queryset = Meeting.objects.select_related("group")
    template_name = "organisation/meeting_detail.html"
    detail_fields = ["held_on", "agenda", "minutes"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decisions = list(self.object.decisions.select_related("responsible"))
        context["decisions"] = decisions
        context["decision_links"] = hooks.decision_links(self.request, decisions)
        context["can_edit"] = is_editable_by(self.object, self.request.user)
        return context


class MeetingUpdateView(ObjectUpdateView):
    permission_required = "organisation.change_working_groups"
    model = Meeting
    form_class = MeetingForm


# --- Routines -------------------------------------------------------------------------------


class RoutineListView(ObjectListView):
    permission_required = "organisation.view_routines"
    queryset = Routine.objects.select_related("owner", "school")
    filterset_class = RoutineFilterSet
    table_class = RoutineTable
    title = _("Routines")
    header_actions = [
        (_("New routine"), "organisation:routine_create", "organisation.add_routines", "primary")
    ]

    def get_queryset(self):
        # Routines due for review come first, so they stand out.
        return super().get_queryset().order_by(F("next_review_on").asc(nulls_first=True), "title")


class RoutineDetailView(ObjectDetailView):
    permission_required = "organisation.view_routines"
    model = Routine
    queryset = Routine.objects.select_related("owner", "school")
    template_name = "organisation/routine_detail.html"
    detail_fields = [
        "area",
        "school",
        "owner",
        "description",
        "link",
        "last_reviewed_on",
        "review_interval_months",
        "next_review_on",
        "is_active",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = is_editable_by(self.object, self.request.user)
        return context


class RoutineCreateView(ObjectCreateView):
    permission_required = "organisation.add_routines"
    model = Routine
    form_class = RoutineForm
    title = _("New routine")
    cancel_url_name = "organisation:routine_list"

    def get_initial(self):
        return {"owner": self.request.user}


class RoutineUpdateView(ObjectUpdateView):
    permission_required = "organisation.change_routines"
    model = Routine
    form_class = RoutineForm


class RoutineReviewView(ScopedViewMixin, SingleObjectMixin, View):
    """The owner confirms today that the routine still holds."""

    permission_required = "organisation.change_routines"
    scope = "edit"
    model = Routine

    def post(self, request, pk):
        routine = self.get_object()
        services.routine_mark_reviewed(routine=routine)
        messages.success(request, gettext("The routine is marked as reviewed today."))
        return HttpResponseRedirect(routine.get_absolute_url())


# --- Support --------------------------------------------------------------------------------


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

    def form_valid(self, form):
        try:
            self.object = services.support_request_file(
                requester=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.object.get_absolute_url())


class SupportRequestDetailView(ObjectDetailView):
    """The request, its thread and, for handlers, status and routing. POST adds a reply."""

    permission_required = "organisation.use_support"
    model = SupportRequest
    queryset = SupportRequest.objects.select_related(
        "school", "requester", "handling_group", "help_article"
    )
    template_name = "organisation/support_detail.html"
    detail_fields = ["category", "school", "requester", "status", "created", "description"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.object
        is_handler = services.support_is_handler(request=request, user=self.request.user)
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
        is_handler = services.support_is_handler(request=self.object, user=request.user)
        form = SupportReplyForm(request.POST, is_handler=is_handler)
        if form.is_valid():
            try:
                services.support_reply_add(
                    request=self.object,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    status=form.cleaned_data.get("status") or None,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, gettext("Your reply was sent."))
                return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(reply_form=form), status=400)


class SupportRequestHandleView(ScopedViewMixin, SingleObjectMixin, View):
    """Handlers change the status or hand the request to another group."""

    permission_required = "organisation.use_support"
    scope = "edit"
    model = SupportRequest

    def post(self, request, pk):
        support_request = self.get_object()
        form = SupportHandleForm(
            request.POST, instance=support_request, prefix="handle", user=request.user
        )
        if form.is_valid():
            try:
                services.support_request_handle(
                    request=support_request,
                    by=request.user,
                    status=form.cleaned_data["status"],
                    handling_group=form.cleaned_data["handling_group"],
                )
                messages.success(request, gettext("The request was updated."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        if SupportRequest.objects.visible_to(request.user).filter(pk=pk).exists():
            return HttpResponseRedirect(support_request.get_absolute_url())
        # Handed to a group the handler is not in: the request is no longer theirs to see.
        return HttpResponseRedirect(reverse("organisation:support_list"))


class SupportAttachmentView(ScopedViewMixin, SingleObjectMixin, View):
    """Serves an attachment only to those who may see the request."""

    permission_required = "organisation.use_support"
    model = SupportRequest

    def get(self, request, pk):
        return file_response(self.get_object().attachment)


class HelpArticlePublishView(PageMixin, PortalAccessMixin, FormView):
    permission_required = "organisation.use_support"
    form_class = HelpArticlePublishForm
    template_name = "generic/object_form.html"
    title = _("Publish as a help article")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.support_request = get_object_or_404(
                SupportRequest.objects.editable_by(request.user), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        last = self.support_request.replies.filter(by_handler=True).order_by("-created").first()
        return {"title": self.support_request.subject, "body": last.body if last else ""}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.support_request.get_absolute_url()
        return context

    def form_valid(self, form):
        try:
            article = services.help_article_publish(
                request=self.support_request, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The help article was published."))
        return HttpResponseRedirect(article.get_absolute_url())


class HelpArticleListView(ObjectListView):
    permission_required = "organisation.view_help"
    queryset = HelpArticle.objects.all()
    filterset_class = HelpArticleFilterSet
    table_class = HelpArticleTable
    title = _("Help articles")
    header_actions = [
        (_("Ask for help"), "organisation:support_create", "organisation.use_support", "primary"),
        (
            _("New help article"),
            "organisation:help_create",
            "organisation.write_help",
            "outline-primary",
        ),
    ]


class HelpArticleDetailView(ObjectDetailView):
    permission_required = "organisation.view_help"
    model = HelpArticle
    template_name = "organisation/help_detail.html"
    detail_fields = ["category"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = is_editable_by(self.object, self.request.user)
        return context


class HelpArticleCreateView(ObjectCreateView):
    permission_required = "organisation.write_help"
    model = HelpArticle
    form_class = HelpArticleForm
    title = _("New help article")
    cancel_url_name = "organisation:help_list"

    def save_object(self, form):
        form.instance.author = self.request.user
        return form.save()


class HelpArticleUpdateView(ObjectUpdateView):
    permission_required = "organisation.view_help"
    model = HelpArticle
    form_class = HelpArticleForm


# --- Environmental scanning -----------------------------------------------------------------


class ScanningNoteListView(ObjectListView):
    permission_required = "organisation.view_scanning"
    queryset = ScanningNote.objects.select_related("author")
    filterset_class = ScanningNoteFilterSet
    table_class = ScanningNoteTable
    title = _("Environmental scanning")
    header_actions = [
        (
            _("New note"),
            "organisation:scanning_create",
            "organisation.add_scanning",
            "primary",
        ),
        (
            _("Monthly digest"),
            "organisation:scanning_digest",
            "organisation.view_scanning",
            "outline-primary",
        ),
    ]


class ScanningNoteDetailView(ObjectDetailView):
    permission_required = "organisation.view_scanning"
    model = ScanningNote
    queryset = ScanningNote.objects.select_related("author")
    template_name = "organisation/scanning_detail.html"
    detail_fields = ["source", "link", "noted_on", "plan_part", "tags", "author", "summary"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = is_editable_by(self.object, self.request.user)
        return context


class ScanningNoteCreateView(ObjectCreateView):
    permission_required = "organisation.add_scanning"
    model = ScanningNote
    form_class = ScanningNoteForm
    title = _("New scanning note")
    cancel_url_name = "organisation:scanning_list"

    def save_object(self, form):
        form.instance.author = self.request.user
        return form.save()


class ScanningNoteUpdateView(ObjectUpdateView):
    permission_required = "organisation.add_scanning"
    model = ScanningNote
    form_class = ScanningNoteForm


class ScanningDigestView(PageMixin, PortalAccessMixin, TemplateView):
    """The notes of one month, grouped by part of the plan, with links to other months."""

    permission_required = "organisation.view_scanning"
    template_name = "organisation/scanning_digest.html"

    def get_month(self) -> date:
        value = self.request.GET.get("month", "")
        try:
            year, month = (int(x) for x in value.split("-"))
            return date(year, month, 1)
        except ValueError:
            return timezone.localdate().replace(day=1)

    def get_title(self):
        return _("Scanning digest %(month)s") % {"month": date_format(self.month, "F Y")}

    def get_context_data(self, **kwargs):
        self.month = month = self.get_month()
        context = super().get_context_data(**kwargs)
        next_month = add_months(month, 1)
        notes = ScanningNote.objects.visible_to(self.request.user).select_related("author")
        in_month = list(
            notes.filter(noted_on__gte=month, noted_on__lt=next_month).order_by(
                "plan_part", "-noted_on"
            )
        )
        context["month"] = month
        context["parts"] = [
            (label, [n for n in in_month if n.plan_part == value])
            for value, label in PlanPart.choices
        ]
        context["note_count"] = len(in_month)
        context["previous_month"] = add_months(month, -1)
        context["next_month"] = next_month
        context["months"] = (
            notes.annotate(month=TruncMonth("noted_on"))
            .order_by("-month")
            .values("month")
            .annotate(count=Count("pk"))[:24]
        )
        return context


# --- Who is responsible for what ------------------------------------------------------------


class ResponsibilityView(PageMixin, PortalAccessMixin, TemplateView):
    """Every registered kind of responsibility with its responsible person or group,
    filterable by person and by school."""

    permission_required = "organisation.view_responsibilities"
    template_name = "organisation/responsibilities.html"
    title = _("Who is responsible for what")
    # The overview shows the first rows of every kind; "show all" pages through one kind.
    rows_per_kind = 10
    rows_per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ResponsibilityFilterForm(self.request.GET or None, user=self.request.user)
        person = school = None
        if form.is_valid():
            person, school = form.cleaned_data["person"], form.cleaned_data["school"]
        context["filter_form"] = form
        context["person"] = person
        filters = {"person": person, "school": school, "user": self.request.user}
        key = self.request.GET.get("kind")
        # Each kind shows only the rows the user may see elsewhere (e.g. systems only to
        # IT staff, leaders and administrators).
        if key in responsibilities:
            context["kind"] = responsibilities.get(key)
            context["sections"] = [
                selectors.responsibility_section_page(
                    context["kind"],
                    page=self.request.GET.get("page"),
                    per_page=self.rows_per_page,
                    **filters,
                )
            ]
        else:
            context["sections"] = selectors.responsibility_sections(
                limit=self.rows_per_kind, **filters
            )
        if self.request.user.has_perm("organisation.hand_over"):
            context["leavers"] = selectors.leavers_with_responsibilities()
        return context


class HandOverView(PageMixin, PortalAccessMixin, FormView):
    """The administrator sees what a (leaving) person is responsible for and hands it all
    over to one other person in one step."""

    permission_required = "organisation.hand_over"
    form_class = HandOverForm
    template_name = "organisation/hand_over.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.person = get_object_or_404(User.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return _("Hand over responsibilities of %(name)s") % {"name": self.person}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "from_person": self.person}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["sections"] = selectors.responsibility_sections(person=self.person)
        context["cancel_url"] = self.person.get_absolute_url()
        return context

    def form_valid(self, form):
        to_person = form.cleaned_data["to_person"]
        try:
            moved = services.responsibilities_hand_over(
                from_person=self.person, to_person=to_person
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("%(count)d responsibilities were handed over to %(name)s.")
            % {"count": sum(moved.values()), "name": to_person},
        )
        return HttpResponseRedirect(
            reverse("organisation:responsibilities") + f"?person={to_person.pk}"
        )
