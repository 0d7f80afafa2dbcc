from .views import DeviceViewSet, LoanViewSet, SystemViewSet

ROUTES = [
    ("devices", DeviceViewSet, "device"),
    ("loans", LoanViewSet, "loan"),
    ("systems", SystemViewSet, "system"),
]
