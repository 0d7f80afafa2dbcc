"""Permissions of the organisation app (django-rules, discovered at start-up)."""

import rules

from vuxportal.predicates import is_administrator, is_leader_or_admin, is_member

rules.add_perm("organisation.view_school_list", is_member)
rules.add_perm("organisation.manage_schools", is_administrator)
rules.add_perm("organisation.manage_people", is_administrator)
rules.add_perm("organisation.import_staff", is_administrator)
rules.add_perm("organisation.view_people", is_leader_or_admin)
rules.add_perm("organisation.use_django_admin", is_administrator)
