"""Permissions of the organisation app (django-rules, discovered at start-up)."""

import rules

from vuxportal.predicates import is_administrator, is_it_staff, is_leader_or_admin, is_member

rules.add_perm("organisation.view_school_list", is_member)
rules.add_perm("organisation.manage_schools", is_administrator)
rules.add_perm("organisation.manage_people", is_administrator)
rules.add_perm("organisation.import_staff", is_administrator)
rules.add_perm("organisation.view_people", is_leader_or_admin)
rules.add_perm("organisation.use_django_admin", is_administrator)

# Working groups, meetings, routines, support, help articles, scanning: everyone with a
# role reads them; the scoping querysets decide which rows each person may change.
rules.add_perm("organisation.view_working_groups", is_member)
rules.add_perm("organisation.manage_working_groups", is_administrator)
rules.add_perm("organisation.change_working_groups", is_member)
rules.add_perm("organisation.view_routines", is_member)
rules.add_perm("organisation.add_routines", is_leader_or_admin | is_it_staff)
rules.add_perm("organisation.change_routines", is_member)
rules.add_perm("organisation.use_support", is_member)
rules.add_perm("organisation.view_help", is_member)
rules.add_perm("organisation.view_scanning", is_member)
rules.add_perm("organisation.add_scanning", is_member)
rules.add_perm("organisation.view_responsibilities", is_member)
rules.add_perm("organisation.hand_over", is_administrator)
rules.add_perm("organisation.write_help", is_administrator | is_it_staff)

# Projects: everyone with a role reads them (their sessions and groups are open to all);
# what an hour costs is salary information, so only leaders and administrators see it.
rules.add_perm("organisation.view_projects", is_member)
rules.add_perm("organisation.manage_projects", is_administrator)
rules.add_perm("organisation.view_hourly_costs", is_leader_or_admin)
