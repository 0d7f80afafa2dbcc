import rules

from vuxportal.predicates import is_administrator, is_leader_or_admin, is_member

rules.add_perm("goals.view_dashboard", is_member)
rules.add_perm("goals.report", is_leader_or_admin)
rules.add_perm("goals.manage_plan", is_administrator)
rules.add_perm("goals.follow_submissions", is_administrator)
rules.add_perm("goals.manage_actions", is_leader_or_admin)
