from django.urls import path

from . import task_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("from-document/<int:document_pk>/", views.from_document, name="from_document"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/tasks/add/", views.task_add, name="task_add"),
    path("<int:pk>/cascade/", views.cascade_view, name="cascade"),
    path("<int:pk>/compliance/", views.compliance_view, name="compliance"),
    path("<int:pk>/export.docx", views.export_docx, name="export_docx"),
    path("<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("obligations/<int:pk>/draft.docx", views.draft, name="draft"),
    path("obligations/<int:pk>/submit/", views.submit_plan, name="submit"),
    path("tasks/", task_views.my_tasks, name="tasks"),
    path("tasks/<int:pk>/", task_views.task_detail, name="task"),
    path("tasks/<int:pk>/update/", task_views.task_update, name="task_update"),
    path("evidence/<int:pk>/", task_views.attachment_download, name="attachment"),
    path("dashboard/", task_views.dashboard, name="dashboard"),
    path("dashboard/<int:unit_pk>/", task_views.dashboard, name="unit_dashboard"),
]
