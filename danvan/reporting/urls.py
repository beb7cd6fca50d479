from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.form_list, name="list"),
    path("review/", views.review_queue, name="queue"),
    path("forms/<int:pk>/", views.form_detail, name="form"),
    path("forms/<int:pk>/entry/<int:unit_pk>/<str:period>/", views.entry, name="entry"),
    path("forms/<int:pk>/check/<int:element_pk>/", views.check_value, name="check"),
    path("forms/<int:pk>/completeness/", views.completeness, name="completeness"),
    path("forms/<int:pk>/consolidated/", views.consolidated, name="consolidated"),
    path("forms/<int:pk>/consolidated.docx", views.consolidated, {"fmt": "docx"}, name="docx"),
    path("forms/<int:pk>/consolidated.xlsx", views.consolidated, {"fmt": "xlsx"}, name="xlsx"),
    path("forms/<int:pk>/template.xlsx", views.template_xlsx, name="template"),
    path("forms/<int:pk>/trends/", views.trends, name="trends"),
    path("forms/<int:pk>/compare/", views.compare, name="compare"),
    path("submissions/<int:pk>/", views.review, name="review"),
]
