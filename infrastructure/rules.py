"""Permissions of the infrastructure app (django-rules, discovered at start-up).

Rules say which roles may use a page; which schools' rows they reach is the querysets'
business (``visible_to``/``editable_by``), so IT staff of one school get 404 for another's.
"""

import rules

from vuxportal.predicates import is_administrator, is_it_staff, is_school_leader

is_it_or_admin = is_it_staff | is_administrator

rules.add_perm("infrastructure.view_devices", is_it_or_admin | is_school_leader)
rules.add_perm("infrastructure.manage_devices", is_it_or_admin)
rules.add_perm("infrastructure.import_devices", is_it_or_admin)
rules.add_perm("infrastructure.manage_device_models", is_it_or_admin)
# Students' personal data: IT staff and administrators only (teachers and leaders: 403).
rules.add_perm("infrastructure.view_students", is_it_or_admin)
rules.add_perm("infrastructure.manage_loans", is_it_or_admin)
rules.add_perm("infrastructure.view_student_access_log", is_administrator)
rules.add_perm("infrastructure.manage_audits", is_it_or_admin)
rules.add_perm("infrastructure.manage_repairs", is_it_or_admin)
rules.add_perm("infrastructure.view_systems", is_it_or_admin | is_school_leader)
rules.add_perm("infrastructure.manage_systems", is_it_or_admin)
rules.add_perm("infrastructure.view_coverage", is_it_or_admin | is_school_leader)
rules.add_perm("infrastructure.view_lifecycle", is_it_or_admin | is_school_leader)
