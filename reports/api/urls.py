from .views import ReportViewSet

ROUTES = [("reports", ReportViewSet, "report")]
