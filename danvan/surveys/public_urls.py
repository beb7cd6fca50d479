from django.urls import path

from . import public

app_name = "surveys_public"

urlpatterns = [
    path("<slug:key>/", public.answer, name="answer"),
    path("<slug:key>/cam-on/", public.thanks, name="thanks"),
]
