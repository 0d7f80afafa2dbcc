from .views import DeviceViewSet, LoanViewSet

ROUTES = [
    ("devices", DeviceViewSet, "device"),
    ("loans", LoanViewSet, "loan"),
]
