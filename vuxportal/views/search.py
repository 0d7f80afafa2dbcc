"""The search page (/sok/?q=): what the header's search box finds, grouped by kind."""

from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from vuxportal import dataversion, search
from vuxportal.access import PortalAccessMixin
from vuxportal.metrics import metrics


# Hits may name students: like the student pages, the page is never kept in a browser's
# or a proxy's cache (the portal keeps only searches that name none, search.kept).
@method_decorator(never_cache, name="dispatch")
class SearchView(PortalAccessMixin, TemplateView):
    """Everyone signed in searches; each kind's own scoping decides what they find."""

    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        q = search.normalise(self.request.GET.get("q"))
        groups = search.kept(self.request.user, q, state=dataversion.state(self.request))
        # Every hit naming a student is logged, through the logger its app registered.
        metrics.records_shown(
            user=self.request.user,
            records=[hit.object for group in groups for hit in group.hits],
            path=self.request.path,
        )
        searched = search.is_searchable(q)
        context.update(
            title=gettext("Search results for “%(q)s”") % {"q": q}
            if searched
            else gettext("Search"),
            q=q,
            searched=searched,
            min_length=search.MIN_LENGTH,
            max_length=search.MAX_LENGTH,
            per_kind=search.HITS_PER_KIND,
            groups=groups,
            hit_count=sum(len(group.hits) for group in groups),
        )
        return context
