"""What several infrastructure pages share."""

from __future__ import annotations

from .. import services
from ..models import StudentDataAccess

What = StudentDataAccess.What


class StudentDataLogMixin:
    """Logs every student whose data the page shows (DESIGN.md privacy rules), through
    the one mechanism, ``services.student_data_viewed``."""

    student_data_what = What.LIST

    def log_students(self, students, what=None):
        services.student_data_viewed(
            user=self.request.user,
            students=students,
            what=what or self.student_data_what,
            path=self.request.path[:300],
        )
