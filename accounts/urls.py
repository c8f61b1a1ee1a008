"""Sign-in security URLs, mounted under /admin/sign-in/ by wagtail_hooks."""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("set-up/", views.enrol, name="enrol"),
    path("users/<int:user_id>/", views.user_security, name="user_security"),
    path("users/<int:user_id>/reset-two-factor/", views.reset_two_factor, name="reset_mfa"),
    path("users/<int:user_id>/unlock/", views.unlock, name="unlock"),
]
