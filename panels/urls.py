"""Public panel URLs reached from emails: confirming, and a member's own pages (signed links).

The panel pages themselves, with their sign-up form, are Wagtail pages (PanelPage's routes).
"""

from django.urls import path

from panels import views

app_name = "panels"

urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("you/<str:token>/", views.manage, name="manage"),
    path("you/<str:token>/update/", views.update, name="update"),
    path("you/<str:token>/leave/", views.withdraw, name="withdraw"),
    path("you/<str:token>/renew/", views.renew, name="renew"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
