"""The staff import (django-import-export): one row per person and role."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from import_export import fields, resources

from vuxportal.roles import Role

from .models import Membership, School, User

# Headers people write in Swedish spreadsheets, mapped to the resource's columns.
HEADER_ALIASES = {
    "e-post": "email",
    "epost": "email",
    "e-postadress": "email",
    "förnamn": "first_name",
    "efternamn": "last_name",
    "titel": "title",
    "befattning": "title",
    "roll": "role",
    "skola": "school",
    "skolkod": "school",
}


def _role_lookup() -> dict[str, str]:
    lookup = {}
    for value, label in Role.choices:
        lookup[value] = value
        lookup[str(label).lower()] = value
    # Swedish names whatever the active language, as spreadsheets are written in Swedish.
    lookup.update(
        {
            "lärare": Role.TEACHER,
            "pedagog": Role.TEACHER,
            "övrig personal": Role.STAFF,
            "personal": Role.STAFF,
            "rektor": Role.SCHOOL_LEADER,
            "skolledare": Role.SCHOOL_LEADER,
            "it": Role.IT_STAFF,
            "it-personal": Role.IT_STAFF,
            "administratör": Role.ADMINISTRATOR,
        }
    )
    return lookup


class StaffResource(resources.ModelResource):
    email = fields.Field(attribute="email", column_name="email")
    first_name = fields.Field(attribute="first_name", column_name="first_name")
    last_name = fields.Field(attribute="last_name", column_name="last_name")
    title = fields.Field(attribute="title", column_name="title")

    class Meta:
        model = User
        import_id_fields = ["email"]
        fields = ["email", "first_name", "last_name", "title"]
        skip_diff = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.request_user = user
        self.created_users: list[User] = []

    def before_import(self, dataset, **kwargs):
        headers = [(h or "").strip() for h in dataset.headers]
        dataset.headers = [HEADER_ALIASES.get(h.lower(), h.lower()) for h in headers]
        self._schools = {s.code.lower(): s for s in School.objects.all()}
        self._roles = _role_lookup()
        self._seen: set[str] = set()

    def before_import_row(self, row, **kwargs):
        errors: dict[str, list[str]] = {}
        email = (row.get("email") or "").strip().lower()
        row["email"] = email
        if not email:
            errors.setdefault("email", []).append(_("The email address is missing."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors.setdefault("email", []).append(
                    _("“%(value)s” is not a valid email address.") % {"value": email}
                )
            if email in self._seen:
                errors.setdefault("email", []).append(
                    _("“%(value)s” appears more than once in the file.") % {"value": email}
                )
            self._seen.add(email)
        if not (row.get("first_name") or "").strip() and not (row.get("last_name") or "").strip():
            errors.setdefault("first_name", []).append(_("A first or last name is required."))
        role_text = (row.get("role") or "").strip().lower()
        if role_text and role_text not in self._roles:
            errors.setdefault("role", []).append(
                _("Unknown role “%(value)s”.") % {"value": row.get("role")}
            )
        school_code = (row.get("school") or "").strip().lower()
        if school_code and school_code not in self._schools:
            errors.setdefault("school", []).append(
                _("Unknown school “%(value)s”.") % {"value": row.get("school")}
            )
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        if is_create:
            instance.set_unusable_password()
        super().save_instance(instance, is_create, row, **kwargs)

    def after_save_instance(self, instance, row, **kwargs):
        role_text = (row.get("role") or "").strip().lower()
        if not role_text:
            return
        role = self._roles[role_text]
        school = self._schools.get((row.get("school") or "").strip().lower())
        open_memberships = Membership.objects.filter(
            user=instance, role=role, school=school, ends_on__isnull=True
        )
        if not open_memberships.exists():
            Membership.objects.create(user=instance, role=role, school=school)
        if kwargs.get("dry_run") is False and not instance.has_usable_password():
            self.created_users.append(instance)
