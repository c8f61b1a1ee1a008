"""Public feedback URLs: the form and its thank-you page, per service."""

from django.urls import path

from feedback import inclusive_views, views

app_name = "feedback"

urlpatterns = [
    path("<slug:service_slug>/", views.give_feedback, name="form"),
    path("<slug:service_slug>/thank-you/<str:receipt>/", views.thank_you, name="thank_you"),
    # The adapted forms (issue 16): easy read, children and young people, under 8s.
    path(
        "<slug:service_slug>/easy-read/",
        inclusive_views.inclusive_form,
        {"version_slug": "easy-read"},
        name="easy_read",
    ),
    path(
        "<slug:service_slug>/young-people/",
        inclusive_views.inclusive_form,
        {"version_slug": "young-people"},
        name="young_people",
    ),
    path(
        "<slug:service_slug>/under-8s/",
        inclusive_views.inclusive_form,
        {"version_slug": "under-8s"},
        name="under_8s",
    ),
]
