"""Permissions of the reports (django-rules, discovered at start-up)."""

import rules

from vuxportal.predicates import is_administrator, is_leader_or_admin

rules.add_perm("reports.view_reports", is_leader_or_admin)
rules.add_perm("reports.request_report", is_leader_or_admin)
rules.add_perm("reports.manage_schedules", is_administrator)
