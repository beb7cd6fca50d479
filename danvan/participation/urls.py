from django.urls import path

from . import portal, views

app_name = "participation"

urlpatterns = [
    path("", views.home, name="home"),
    path("disclosures/", views.disclosures, name="disclosures"),
    path("disclosures/new/", views.disclosure_new, name="disclosure_new"),
    path("disclosures/<id:pk>/", views.disclosure_detail, name="disclosure"),
    path("compliance/", views.compliance, name="compliance"),
    path("compliance/quarter/", views.quarter_list, name="quarter_list"),
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/new/", views.consultation_new, name="consultation_new"),
    path("consultations/<id:pk>/", views.consultation_detail, name="consultation"),
    path("consultations/<id:pk>/synthesis.docx", views.synthesis, name="synthesis"),
    path("comments/<id:pk>/", views.comment_action, name="comment"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/new/", views.decision_new, name="decision_new"),
    path("decisions/<id:pk>/", views.decision_detail, name="decision"),
    path("supervision/", views.supervision, name="supervision"),
    path("supervision/new/", views.round_new, name="round_new"),
    path("supervision/<id:pk>/", views.round_detail, name="round"),
    path("recommendations/<id:pk>/", views.recommendation_detail, name="recommendation"),
    path("critiques/", views.critiques, name="critiques"),
    path("critiques/new/", views.critique_new, name="critique_new"),
    path("critiques/<id:pk>/", views.critique_detail, name="critique"),
    path("annual/", views.annual, name="annual"),
    path("boards/", views.boards, name="boards"),
    path("boards/new/", views.board_new, name="board_new"),
    path("boards/<id:pk>/", views.board_detail, name="board"),
    path("coordination/", views.coordination, name="coordination"),
    # Public portal (no sign-in).
    path("public/", portal.index, name="portal"),
    path("public/consultations/<id:pk>/", portal.consultation, name="portal_consultation"),
    path("public/units/<id:pk>/", portal.unit, name="portal_unit"),
]
