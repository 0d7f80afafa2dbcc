from .views import (
    ActionViewSet,
    GoalAssessmentViewSet,
    GoalViewSet,
    IndicatorViewSet,
    MeasurementViewSet,
    ReportingPeriodViewSet,
)

ROUTES = [
    ("goals", GoalViewSet, "goal"),
    ("indicators", IndicatorViewSet, "indicator"),
    ("periods", ReportingPeriodViewSet, "period"),
    ("measurements", MeasurementViewSet, "measurement"),
    ("assessments", GoalAssessmentViewSet, "assessment"),
    ("actions", ActionViewSet, "action"),
]
