"""The organisation pages, one module per part of the app. ``urls.py`` reaches every view
through this package, so a view can move between modules without touching the URLs."""

from .groups import (
    MeetingDetailView,
    MeetingFormView,
    MeetingUpdateView,
    WorkingGroupCreateView,
    WorkingGroupDetailView,
    WorkingGroupListView,
    WorkingGroupUpdateView,
)
from .help_articles import (
    HelpArticleCreateView,
    HelpArticleDetailView,
    HelpArticleListView,
    HelpArticlePublishView,
    HelpArticleUpdateView,
)
from .people import (
    MembershipAddView,
    MembershipEndView,
    PersonDeactivateView,
    PersonDetailView,
    PersonInviteView,
    PersonListView,
    PersonUpdateView,
    SchoolCreateView,
    SchoolDetailView,
    SchoolListView,
    SchoolUpdateView,
    StaffImportView,
)
from .responsibilities import HandOverView, ResponsibilityView
from .routines import (
    RoutineCreateView,
    RoutineDetailView,
    RoutineListView,
    RoutineReviewView,
    RoutineUpdateView,
)
from .scanning import (
    ScanningDigestView,
    ScanningNoteCreateView,
    ScanningNoteDetailView,
    ScanningNoteListView,
    ScanningNoteUpdateView,
)
from .support import (
    SupportAttachmentView,
    SupportRequestCreateView,
    SupportRequestDetailView,
    SupportRequestHandleView,
    SupportRequestListView,
)

__all__ = [
    "HandOverView",
    "HelpArticleCreateView",
    "HelpArticleDetailView",
    "HelpArticleListView",
    "HelpArticlePublishView",
    "HelpArticleUpdateView",
    "MeetingDetailView",
    "MeetingFormView",
    "MeetingUpdateView",
    "MembershipAddView",
    "MembershipEndView",
    "PersonDeactivateView",
    "PersonDetailView",
    "PersonInviteView",
    "PersonListView",
    "PersonUpdateView",
    "ResponsibilityView",
    "RoutineCreateView",
    "RoutineDetailView",
    "RoutineListView",
    "RoutineReviewView",
    "RoutineUpdateView",
    "ScanningDigestView",
    "ScanningNoteCreateView",
    "ScanningNoteDetailView",
    "ScanningNoteListView",
    "ScanningNoteUpdateView",
    "SchoolCreateView",
    "SchoolDetailView",
    "SchoolListView",
    "SchoolUpdateView",
    "StaffImportView",
    "SupportAttachmentView",
    "SupportRequestCreateView",
    "SupportRequestDetailView",
    "SupportRequestHandleView",
    "SupportRequestListView",
    "WorkingGroupCreateView",
    "WorkingGroupDetailView",
    "WorkingGroupListView",
    "WorkingGroupUpdateView",
]
