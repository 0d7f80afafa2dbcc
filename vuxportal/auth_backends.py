"""The portal's permissions are its rules (``rules.add_perm`` in each app's ``rules.py``).

Django asks every authentication backend in turn until one says yes, so a rule that says
no fell through to ``ModelBackend``, which loads the user's and their groups' model
permissions from the database: two queries on every page whose menu asks about a part the
person may not use. Those model permissions are only the Django admin's (``view_device``
and so on); no portal permission is ever granted through them. This backend, placed right
after the rules, ends the question for a permission the portal defines as a rule, so the
rule alone decides it, and leaves every other permission to ``ModelBackend`` as before.
"""

import rules
from django.core.exceptions import PermissionDenied


class RulesDecideBackend:
    # Not django's BaseBackend: its get_user() would make this the backend that
    # force_login and the session name, and it signs nobody in.
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if rules.perm_exists(perm):
            # The rules backend, asked first, said no: Django stops at PermissionDenied.
            raise PermissionDenied
        return False
