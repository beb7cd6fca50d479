from django.urls import path

from . import edit_views, task_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("from-document/<id:document_pk>/", views.from_document, name="from_document"),
    path("<id:pk>/", views.plan_detail, name="detail"),
    path("<id:pk>/edit/", views.plan_edit, name="edit"),
    path("<id:pk>/tasks/add/", views.task_add, name="task_add"),
    path("<id:pk>/cascade/", views.cascade_view, name="cascade"),
    path("<id:pk>/compliance/", views.compliance_view, name="compliance"),
    path("<id:pk>/export.docx", views.export_docx, name="export_docx"),
    path("<id:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("obligations/<id:pk>/draft.docx", views.draft, name="draft"),
    path("obligations/<id:pk>/submit/", views.submit_plan, name="submit"),
    path("tasks/", task_views.my_tasks, name="tasks"),
    path("tasks/<id:pk>/", task_views.task_detail, name="task"),
    path("tasks/<id:pk>/update/", task_views.task_update, name="task_update"),
    path("tasks/<id:pk>/edit/", edit_views.task_edit, name="task_edit"),
    path("tasks/<id:pk>/delete/", edit_views.task_delete, name="task_delete"),
    path("tasks/<id:pk>/subtasks/add/", edit_views.subtask_add, name="subtask_add"),
    path("<id:pk>/targets/", edit_views.targets_section, name="targets"),
    path("<id:pk>/targets/add/", edit_views.target_add, name="target_add"),
    path("targets/<id:pk>/", edit_views.target_save, name="target_save"),
    path("targets/<id:pk>/delete/", edit_views.target_delete, name="target_delete"),
    path("<id:pk>/budget/", edit_views.budget_section, name="budget"),
    path("<id:pk>/budget/add/", edit_views.budget_add, name="budget_add"),
    path("budget/<id:pk>/", edit_views.budget_save, name="budget_save"),
    path("budget/<id:pk>/delete/", edit_views.budget_delete, name="budget_delete"),
    path("evidence/<id:pk>/", task_views.attachment_download, name="attachment"),
    path("dashboard/", task_views.dashboard, name="dashboard"),
    path("dashboard/<id:unit_pk>/", task_views.dashboard, name="unit_dashboard"),
    path("dashboard/<id:unit_pk>/tasks/", task_views.dashboard_tasks, name="dashboard_tasks"),
    path(
        "dashboard/<id:unit_pk>/compliance/",
        task_views.dashboard_compliance,
        name="dashboard_compliance",
    ),
]
