"""Permissions of the competence app (django-rules, discovered at start-up)."""

import rules

from vuxportal.predicates import is_administrator, is_leader_or_admin, is_member

rules.add_perm("competence.view_frameworks", is_member)
rules.add_perm("competence.manage_frameworks", is_administrator)
rules.add_perm("competence.self_assess", is_member)
# Aggregates over groups of at least MIN_AGGREGATE_GROUP_SIZE people, never single answers.
rules.add_perm("competence.view_aggregates", is_leader_or_admin)
rules.add_perm("competence.view_activities", is_member)
rules.add_perm("competence.manage_activities", is_leader_or_admin)
rules.add_perm("competence.enrol", is_member)
rules.add_perm("competence.view_evaluations", is_leader_or_admin)
rules.add_perm("competence.log_training", is_member)
rules.add_perm("competence.view_staff_training", is_leader_or_admin)
rules.add_perm("competence.share_practice", is_member)
