from .views import (
    EnrolmentViewSet,
    FrameworkViewSet,
    PracticeExampleViewSet,
    TrainingActivityViewSet,
    TrainingRecordViewSet,
)

ROUTES = [
    ("competence/frameworks", FrameworkViewSet, "competence-framework"),
    ("competence/sessions", TrainingActivityViewSet, "training-session"),
    ("competence/enrolments", EnrolmentViewSet, "enrolment"),
    ("competence/training-records", TrainingRecordViewSet, "training-record"),
    ("competence/practice-examples", PracticeExampleViewSet, "practice-example"),
]
