"""Role predicates for django-rules. Apps combine them in their own ``rules.py``."""

import rules

from .roles import Role
from .scoping import access_of


def has_role(*roles: str) -> rules.Predicate:
    name = "has_role:" + ",".join(roles)

    @rules.predicate(name=name)
    def predicate(user) -> bool:
        return access_of(user).has_role(*roles)

    return predicate


is_teacher = has_role(Role.TEACHER)
is_staff_member = has_role(Role.TEACHER, Role.STAFF)
is_school_leader = has_role(Role.SCHOOL_LEADER)
is_it_staff = has_role(Role.IT_STAFF)
is_administrator = has_role(Role.ADMINISTRATOR)
is_member = has_role(*Role.values)
is_leader_or_admin = has_role(Role.SCHOOL_LEADER, Role.ADMINISTRATOR)
