from django.urls import path

from . import views

app_name = "goals"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("mal/<int:pk>/", views.GoalDetailView.as_view(), name="goal_detail"),
    path("mal/<int:pk>/andra/", views.GoalUpdateView.as_view(), name="goal_update"),
    path("mal/<int:pk>/ta-bort/", views.GoalDeleteView.as_view(), name="goal_delete"),
    path("mal/<int:pk>/dra-tillbaka/", views.GoalWithdrawView.as_view(), name="goal_withdraw"),
    path(
        "forutsattningar/<int:pk>/andra/",
        views.PrerequisiteUpdateView.as_view(),
        name="prerequisite_update",
    ),
    path(
        "forutsattningar/<int:pk>/ta-bort/",
        views.PrerequisiteDeleteView.as_view(),
        name="prerequisite_delete",
    ),
    path(
        "mal/<int:goal_pk>/indikatorer/ny/",
        views.IndicatorCreateView.as_view(),
        name="indicator_create",
    ),
    path(
        "indikatorer/<int:pk>/andra/", views.IndicatorUpdateView.as_view(), name="indicator_update"
    ),
    path(
        "indikatorer/<int:pk>/ta-bort/",
        views.IndicatorDeleteView.as_view(),
        name="indicator_delete",
    ),
    path(
        "indikatorer/<int:pk>/dra-tillbaka/",
        views.IndicatorWithdrawView.as_view(),
        name="indicator_withdraw",
    ),
    path(
        "indikatorer/<int:pk>/underlag/",
        views.IndicatorRecordsView.as_view(),
        name="indicator_records",
    ),
    path("perioder/", views.PeriodListView.as_view(), name="period_list"),
    path("perioder/ny/", views.PeriodCreateView.as_view(), name="period_create"),
    path("perioder/<int:pk>/", views.PeriodDetailView.as_view(), name="period_detail"),
    path("perioder/<int:pk>/stang/", views.PeriodCloseView.as_view(), name="period_close"),
    path("perioder/<int:pk>/paminn/", views.PeriodRemindView.as_view(), name="period_remind"),
    path(
        "perioder/<int:pk>/skolor/<int:school_pk>/",
        views.ReportView.as_view(),
        name="report",
    ),
    path("perioder/<int:pk>/organisation/", views.ReportView.as_view(), name="org_report"),
    path("planer/", views.PlanListView.as_view(), name="plan_list"),
    path("planer/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("planer/<int:plan_pk>/mal/ny/", views.GoalCreateView.as_view(), name="goal_create"),
    path(
        "planer/<int:plan_pk>/forutsattningar/ny/",
        views.PrerequisiteCreateView.as_view(),
        name="prerequisite_create",
    ),
    path("planer/<int:pk>/andra/", views.PlanUpdateView.as_view(), name="plan_update"),
    path("planer/<int:pk>/aktivera/", views.PlanActivateView.as_view(), name="plan_activate"),
    path("planer/<int:pk>/kopiera/", views.PlanCopyView.as_view(), name="plan_copy"),
    path("insatser/", views.ActionListView.as_view(), name="action_list"),
    path("insatser/ny/", views.ActionCreateView.as_view(), name="action_create"),
    path(
        "insatser/fran-beslut/<int:decision_pk>/",
        views.ActionFromDecisionView.as_view(),
        name="action_from_decision",
    ),
    path("insatser/<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("insatser/<int:pk>/andra/", views.ActionUpdateView.as_view(), name="action_update"),
    path("insatser/<int:pk>/ta-bort/", views.ActionDeleteView.as_view(), name="action_delete"),
    path(
        "insatser/<int:pk>/dra-tillbaka/",
        views.ActionWithdrawView.as_view(),
        name="action_withdraw",
    ),
    path(
        "insatser/<int:pk>/uppdateringar/",
        views.ActionUpdateAddView.as_view(),
        name="action_update_add",
    ),
]
