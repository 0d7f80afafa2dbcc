"""Help articles: written directly, or published from a resolved support request."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectActionFormView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
)

from .. import services
from ..filters import HelpArticleFilterSet
from ..forms import HelpArticleForm, HelpArticlePublishForm
from ..models import HelpArticle, SupportRequest
from ..tables import HelpArticleTable


class HelpArticlePublishView(ObjectActionFormView):
    """A handler publishes a resolved request, with the last answer as the article."""

    permission_required = "organisation.use_support"
    model = SupportRequest
    form_class = HelpArticlePublishForm
    title = _("Publish as a help article")

    def get_initial(self):
        last = self.object.replies.filter(by_handler=True).order_by("-created").first()
        return {"title": self.object.subject, "body": last.body if last else ""}

    def perform(self, form):
        article = services.help_article_publish(
            request=self.object, by=self.request.user, **form.cleaned_data
        )
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
