"""Pages of part 1, one module per section: dashboard, goals and indicators, periods,
reporting, plans, actions.

Scoping comes from ``ScopedViewMixin`` (404 out of scope); the school and period a page
is about come from the request context (``goals.context``); writes call ``services``,
which refuse changes to a closed period or an archived plan, and their errors become
form errors or messages in ``vuxportal.views.generic``.
"""

from .actions import (
    ActionCreateView,
    ActionDetailView,
    ActionFromDecisionView,
    ActionListView,
    ActionUpdateAddView,
    ActionUpdateView,
)
from .dashboard import DashboardView
from .goals import (
    GoalCreateView,
    GoalDetailView,
    GoalUpdateView,
    IndicatorCreateView,
    IndicatorRecordsView,
    IndicatorUpdateView,
)
from .periods import (
    PeriodCloseView,
    PeriodCreateView,
    PeriodDetailView,
    PeriodListView,
    PeriodRemindView,
)
from .plans import (
    PlanActivateView,
    PlanCopyView,
    PlanDetailView,
    PlanListView,
    PlanUpdateView,
)
from .reporting import ReportView

__all__ = [
    "ActionCreateView",
    "ActionDetailView",
    "ActionFromDecisionView",
    "ActionListView",
    "ActionUpdateAddView",
    "ActionUpdateView",
    "DashboardView",
    "GoalCreateView",
    "GoalDetailView",
    "GoalUpdateView",
    "IndicatorCreateView",
    "IndicatorRecordsView",
    "IndicatorUpdateView",
    "PeriodCloseView",
    "PeriodCreateView",
    "PeriodDetailView",
    "PeriodListView",
    "PeriodRemindView",
    "PlanActivateView",
    "PlanCopyView",
    "PlanDetailView",
    "PlanListView",
    "PlanUpdateView",
    "ReportView",
]
