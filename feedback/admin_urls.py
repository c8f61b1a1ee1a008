"""Staff feedback URLs in the Wagtail admin, mounted by wagtail_hooks: reviewing and entering."""

from django.urls import path

from feedback import admin_views, casework_views, printable_views

# Reviewing feedback, under /admin/feedback-review/; safeguarding cases and contact requests too.
review_urls = ([
    path("", admin_views.service_index, name="index"),
    path("services/<int:service_id>/", admin_views.feedback_list, name="list"),
    path("<int:pk>/", admin_views.feedback_detail, name="detail"),
    path("<int:pk>/hide/", admin_views.hide, name="hide"),
    path("<int:pk>/themes/", admin_views.retag, name="retag"),
    path("<int:pk>/requeue/", admin_views.requeue, name="requeue"),
    path("failed/", admin_views.failed_list, name="failed"),
    path("safeguarding/", casework_views.safeguarding_list, name="safeguarding"),
    path("safeguarding/<int:pk>/", casework_views.case_detail, name="case"),
    path("safeguarding/<int:pk>/reopen/", casework_views.case_reopen, name="case_reopen"),
    path("contact-requests/", casework_views.contact_list, name="contacts"),
    path("contact-requests/<int:pk>/", casework_views.contact_detail, name="contact"),
    path("attention/", casework_views.attention, name="attention"),
    path("attention/<int:pk>/alert/", casework_views.alert_again, name="alert_again"),
], "feedback_review")  # fmt: skip

# Entering paper, phone and in-person feedback, under /admin/feedback-entry/.
entry_urls = ([
    path("", admin_views.staff_choose_service, name="choose"),
    path("<int:service_id>/", admin_views.staff_entry, name="entry"),
    path("<int:service_id>/paper/", admin_views.paper_form, name="paper"),
    path("<int:service_id>/paper/large-print/", printable_views.large_print_form,
         name="paper_large_print"),
    path("<int:service_id>/paper/easy-read/", printable_views.easy_read_paper_form,
         name="paper_easy_read"),
    path("<int:service_id>/qr.<str:fmt>", admin_views.qr_code, name="qr"),
], "feedback_staff")  # fmt: skip
