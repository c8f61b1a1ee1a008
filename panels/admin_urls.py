"""Researchers' panel URLs in the Wagtail admin, mounted by wagtail_hooks under /admin/panels/."""

from django.urls import path

from panels import admin_views

urls = ([
    path("", admin_views.panel_index, name="index"),
    path("<int:panel_id>/members/", admin_views.member_list, name="members"),
    path("members/<int:pk>/", admin_views.member_detail, name="member"),
], "panels_admin")  # fmt: skip
