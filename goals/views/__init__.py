"""Pages of part 1, one module per section: dashboard, goals and indicators, periods,
reporting, plans, actions, and the plan's upkeep (prerequisites, deleting, withdrawing).

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
from .upkeep import (
    ActionDeleteView,
    ActionWithdrawView,
    GoalDeleteView,
    GoalWithdrawView,
    IndicatorDeleteView,
    IndicatorWithdrawView,
    PrerequisiteCreateView,
    PrerequisiteDeleteView,
    PrerequisiteUpdateView,
)

__all__ = [
    "ActionCreateView",
    "ActionDeleteView",
    "ActionDetailView",
    "ActionFromDecisionView",
    "ActionListView",
    "ActionUpdateAddView",
    "ActionUpdateView",
    "ActionWithdrawView",
    "DashboardView",
    "GoalCreateView",
    "GoalDeleteView",
    "GoalDetailView",
    "GoalUpdateView",
    "GoalWithdrawView",
    "IndicatorCreateView",
    "IndicatorDeleteView",
    "IndicatorRecordsView",
    "IndicatorUpdateView",
    "IndicatorWithdrawView",
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
    "PrerequisiteCreateView",
    "PrerequisiteDeleteView",
    "PrerequisiteUpdateView",
    "ReportView",
]
