"""Personal API tokens: each person creates, names, sees the last use of and revokes
their own. The raw token is shown once, on the page that answers the creation."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from vuxportal.access import PortalAccessMixin
from vuxportal.models import ApiToken
from vuxportal.tokens import token_create, token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “HR-systemets import”."),
    )


@method_decorator(never_cache, name="dispatch")
class TokenListView(PortalAccessMixin, TemplateView):
    template_name = "tokens/token_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", TokenForm())
        context["title"] = gettext("API tokens")
        context["tokens"] = ApiToken.objects.visible_to(self.request.user)
        return context

    def post(self, request):
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        token, raw = token_create(user=request.user, name=form.cleaned_data["name"])
        # Rendered, not redirected: the raw token must not pass through a URL, the
        # session or a log; after this response it exists only with its owner.
        return self.render_to_response(self.get_context_data(new_token=raw, created=token))


class TokenRevokeView(PortalAccessMixin, View):
    def post(self, request, pk):
        token = get_object_or_404(ApiToken.objects.visible_to(request.user), pk=pk)
        token_revoke(token=token)
        messages.success(
            request, gettext("The token “%(name)s” was revoked.") % {"name": token.name}
        )
        return HttpResponseRedirect(reverse("api_tokens"))
