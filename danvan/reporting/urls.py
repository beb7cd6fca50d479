from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.form_list, name="list"),
    path("review/", views.review_queue, name="queue"),
    path("forms/<id:pk>/", views.form_detail, name="form"),
    path("forms/<id:pk>/entry/<id:unit_pk>/<str:period>/", views.entry, name="entry"),
    path("forms/<id:pk>/check/<id:element_pk>/", views.check_value, name="check"),
    path("forms/<id:pk>/completeness/", views.completeness, name="completeness"),
    path("forms/<id:pk>/consolidated/", views.consolidated, name="consolidated"),
    path("forms/<id:pk>/consolidated.docx", views.consolidated, {"fmt": "docx"}, name="docx"),
    path("forms/<id:pk>/consolidated.xlsx", views.consolidated, {"fmt": "xlsx"}, name="xlsx"),
    path("forms/<id:pk>/template.xlsx", views.template_xlsx, name="template"),
    path("forms/<id:pk>/trends/", views.trends, name="trends"),
    path("forms/<id:pk>/compare/", views.compare, name="compare"),
    path("submissions/<id:pk>/", views.review, name="review"),
]
