"""What the organisation part lets people find in the header's search (vuxportal/search.py):
people, support requests and help articles. Imported by plugins.py."""

from django.db.models import OuterRef, Subquery
from django.utils import formats
from django.utils.timezone import localtime

from vuxportal.roles import Role
from vuxportal.search import SearchKind, register

from .models import HelpArticle, Membership, SupportRequest, User


def _people(user):
    # One current role and school to tell people apart; the list page shows them all.
    first = Membership.objects.current().filter(user=OuterRef("pk")).order_by("school__name", "pk")
    return User.objects.visible_to(user).annotate(
        search_role=Subquery(first.values("role")[:1]),
        search_school=Subquery(first.values("school__name")[:1]),
    )


def _person_context(person) -> str:
    role = Role(person.search_role).label if person.search_role in Role.values else ""
    return " · ".join(str(part) for part in (person.title or role, person.search_school) if part)


def _request_context(request) -> str:
    created = formats.date_format(localtime(request.created), "SHORT_DATE_FORMAT")
    return f"{request.get_status_display()} · {request.school} · {created}"


register(
    SearchKind(
        key="organisation.person",
        model=User,
        queryset=_people,
        text_fields=("first_name", "last_name", "title"),
        trigram_fields=("first_name", "last_name", "email"),
        title=lambda person: person.display_name,
        context=_person_context,
        list_url_name="organisation:person_list",
        permission="organisation.view_people",
        order=10,
    ),
    SearchKind(
        key="organisation.support_request",
        model=SupportRequest,
        queryset=lambda user: SupportRequest.objects.visible_to(user).select_related("school"),
        text_fields=("subject", "description"),
        context=_request_context,
        list_url_name="organisation:support_list",
        permission="organisation.use_support",
        order=30,
    ),
    SearchKind(
        key="organisation.help_article",
        model=HelpArticle,
        text_fields=("title", "body"),
        trigram_fields=("title",),
        context=lambda article: article.get_category_display(),
        list_url_name="organisation:help_list",
        permission="organisation.view_help",
        order=35,
    ),
)
