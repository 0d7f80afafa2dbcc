"""Declarative list, detail and edit views (STYLE.md, after NetBox's generic views).

A list view declares ``model``, ``filterset_class`` and ``table_class``; scoping and
permissions come from ``ScopedViewMixin``. Writes go through ``save_object``, which
views override to call their app's service when the write carries rules.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, FormView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from vuxportal.access import PortalAccessMixin, ScopedViewMixin


class PageMixin:
    """Title and header actions for the shared templates."""

    title = ""
    # Each action: (label, url name, permission or None, style).
    header_actions: list[tuple] = []

    def get_title(self):
        return self.title

    def get_header_actions(self):
        user = self.request.user
        actions = []
        for label, url_name, permission, style in self.header_actions:
            if permission is None or user.has_perm(permission):
                actions.append({"label": label, "url": reverse(url_name), "style": style})
        return actions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.get_title())
        context.setdefault("actions", self.get_header_actions())
        return context


class ObjectListView(PageMixin, ScopedViewMixin, SingleTableMixin, FilterView):
    template_name = "generic/object_list.html"
    # The table pages the rows. Not ``paginate_by``: ListView would page them as well, and
    # count them a second time. A page that isn't there is a 404, as ListView has it.
    table_pagination = {"per_page": 25, "silent": False}
    # The list keeps the same rows when nothing is filtered (FilterView defaults to none).
    strict = False

    def get_table_kwargs(self):
        kwargs = super().get_table_kwargs()
        kwargs.setdefault("empty_text", _("Nothing to show."))
        return kwargs

    def get_table(self, **kwargs):
        """The table, built and paged when the template first draws it: the list's filter
        form and table are kept under the data's version (``generic/object_list.html``,
        ``vuxportal/dataversion.py``), and a kept list counts and reads no rows. A view
        that needs the rows itself (to log them) simply reads them first."""
        page = self.request.GET.get(self.page_kwarg) or "1"
        try:
            if page != "last":
                int(page)
        except ValueError as error:
            raise Http404(f"No page {page!r} of this list") from error
        return SimpleLazyObject(lambda: self._build_table(page, **kwargs))

    def _build_table(self, page, **kwargs):
        try:
            table = super().get_table(**kwargs)
        except InvalidPage as error:
            raise Http404(f"No page {page!r} of this list") from error
        # Names the table's scrollable region (generic/table.html) after the page.
        table.region_label = self.get_title()
        return table


class ObjectDetailView(PageMixin, ScopedViewMixin, DetailView):
    template_name = "generic/object_detail.html"
    # Model field names shown as a description list on the shared detail template.
    detail_fields: list[str] = []

    def get_title(self):
        return str(self.object)

    def get_detail_fields(self):
        rows = []
        for name in self.detail_fields:
            field = self.object._meta.get_field(name)
            display = getattr(self.object, f"get_{name}_display", None)
            value = display() if display else getattr(self.object, name)
            if isinstance(value, bool):
                value = _("Yes") if value else _("No")
            rows.append((field.verbose_name, value))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["detail_fields"] = self.get_detail_fields()
        return context


def add_service_error(form, error: ValidationError) -> None:
    """Puts a service's ValidationError on the form, by field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceFormMixin:
    """The one place where a service's ValidationError becomes form errors (the API's is
    ``vuxportal.api_errors``). A form view implements ``perform(form)``, which calls the
    service and returns a response, or ``None`` to go to ``get_success_url()``. It runs in
    one transaction, so a refused write leaves nothing half-written, and the form is shown
    again with the service's words."""

    def perform(self, form):
        raise NotImplementedError(f"{type(self).__name__} must say what its form does")

    def form_valid(self, form):
        try:
            with transaction.atomic():
                response = self.perform(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        return response if response is not None else HttpResponseRedirect(self.get_success_url())


class ObjectFormMixin(ServiceFormMixin, PageMixin):
    template_name = "generic/object_form.html"
    success_message = _("Saved.")
    cancel_url_name: str | None = None

    def save_object(self, form):
        return form.save()

    def perform(self, form):
        self.object = self.save_object(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.cancel_url_name:
            context["cancel_url"] = reverse(self.cancel_url_name)
        elif getattr(self, "object", None) is not None and hasattr(self.object, "get_absolute_url"):
            context["cancel_url"] = self.object.get_absolute_url()
        return context


class ObjectCreateView(ObjectFormMixin, PortalAccessMixin, CreateView):
    pass


class ObjectUpdateView(ObjectFormMixin, ScopedViewMixin, UpdateView):
    scope = "edit"

    def get_title(self):
        return _("Edit %(object)s") % {"object": self.object}


class ObjectActionFormView(
    ServiceFormMixin, PageMixin, ScopedViewMixin, SingleObjectMixin, FormView
):
    """A form that acts on one object the user may change (return a loan, close a repair):
    ``perform(form)`` calls the service; the view then goes back to the object."""

    scope = "edit"
    template_name = "generic/object_form.html"
    submit_label = _("Save")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.object.get_absolute_url()
        context["submit_label"] = self.submit_label
        return context


class ObjectPostActionView(ScopedViewMixin, SingleObjectMixin, View):
    """A button on one object (a POST with no form): ``perform(obj)`` calls the service and
    returns the success message; a service's ValidationError becomes an error message.
    Either way the view goes back to ``get_redirect_url(obj)``."""

    scope = "edit"

    def perform(self, obj) -> str | None:
        raise NotImplementedError(f"{type(self).__name__} must say what its button does")

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            with transaction.atomic():
                message = self.perform(obj)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if message:
                messages.success(request, message)
        return HttpResponseRedirect(self.get_redirect_url(obj))

    def get_redirect_url(self, obj):
        return obj.get_absolute_url()
