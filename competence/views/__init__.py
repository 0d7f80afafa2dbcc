"""Pages of the competence app, a module per part: frameworks, self-assessment, training
sessions, the training log and practice sharing. Scoping comes from ``ScopedViewMixin``;
writes call services through the shared form and action views, which turn a service's
``ValidationError`` into form errors or messages."""

from .examples import (
    AttachmentView,
    ExampleCreateView,
    ExampleDetailView,
    ExampleListView,
    ExampleUpdateView,
    ExampleUseView,
)
from .frameworks import (
    AreaUpdateView,
    FrameworkCreateView,
    FrameworkDetailView,
    FrameworkListView,
    FrameworkUpdateView,
)
from .needs import NeedsView
from .plans import MyPlanView, PlanCommentView, PlanDetailView, PlanListView
from .records import (
    CertificateView,
    RecordConfirmView,
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
    StaffRecordListView,
)
from .self_assessment import AggregateView, SelfAssessmentEditView, SelfAssessmentListView
from .session_life import ActivityCancelSessionView, AttendanceCertificateView
from .sessions import (
    ActivityCreateView,
    ActivityDetailView,
    ActivityIcsView,
    ActivityListView,
    ActivityUpdateView,
    AttendanceView,
    CancelView,
    EnrolView,
    EvaluateView,
    EvaluationResultsView,
)

__all__ = [
    "ActivityCancelSessionView",
    "ActivityCreateView",
    "ActivityDetailView",
    "ActivityIcsView",
    "ActivityListView",
    "ActivityUpdateView",
    "AggregateView",
    "AreaUpdateView",
    "AttachmentView",
    "AttendanceCertificateView",
    "AttendanceView",
    "CancelView",
    "CertificateView",
    "EnrolView",
    "EvaluateView",
    "EvaluationResultsView",
    "ExampleCreateView",
    "ExampleDetailView",
    "ExampleListView",
    "ExampleUpdateView",
    "ExampleUseView",
    "FrameworkCreateView",
    "FrameworkDetailView",
    "FrameworkListView",
    "FrameworkUpdateView",
    "MyPlanView",
    "NeedsView",
    "PlanCommentView",
    "PlanDetailView",
    "PlanListView",
    "RecordConfirmView",
    "RecordCreateView",
    "RecordDetailView",
    "RecordListView",
    "RecordUpdateView",
    "SelfAssessmentEditView",
    "SelfAssessmentListView",
    "StaffRecordListView",
]
