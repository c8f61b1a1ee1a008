"""Public feedback URLs: the form and its thank-you page, per service."""

from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("<slug:service_slug>/", views.give_feedback, name="form"),
    path("<slug:service_slug>/thank-you/<str:receipt>/", views.thank_you, name="thank_you"),
]
