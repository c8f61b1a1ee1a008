"""Researchers' panel URLs in the Wagtail admin, mounted by wagtail_hooks under /admin/panels/."""

from django.urls import path

from panels import admin_views

urls = ([
    path("", admin_views.panel_index, name="index"),
    path("<int:panel_id>/members/", admin_views.member_list, name="members"),
    path("<int:panel_id>/representation/", admin_views.panel_representation,
         name="representation"),
    path("members/<int:pk>/", admin_views.member_detail, name="member"),
    path("recruitment/", admin_views.recruitment_index, name="recruitments"),
    path("services/<int:service_id>/recruitment/add/", admin_views.recruitment_add,
         name="recruitment_add"),
    path("recruitment/<int:pk>/", admin_views.recruitment_detail, name="recruitment"),
    path("recruitment/<int:pk>/edit/", admin_views.recruitment_edit, name="recruitment_edit"),
    path("recruitment/<int:pk>/representation/", admin_views.shortlist_representation,
         name="shortlist_representation"),
    path("invitations/<int:pk>/", admin_views.invitation_edit, name="invitation"),
    path("population/", admin_views.population_figures, name="population"),
], "panels_admin")  # fmt: skip
