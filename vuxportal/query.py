"""Query helpers shared by the apps."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_related(queryset, field_name: str):
    """A Subquery counting rows of ``queryset`` whose ``field_name`` points at the outer row.

    Annotating with this (as NetBox's ``count_related`` does) keeps list pages at one query
    however many rows they show, and avoids the row multiplication of ``Count`` over joins.
    """
    subquery = Subquery(
        queryset.filter(**{field_name: OuterRef("pk")})
        .order_by()
        .values(field_name)
        .annotate(c=Count("*"))
        .values("c")
    )
    return Coalesce(subquery, 0, output_field=IntegerField())
