from django.urls import path

from valo.correspondence import views

urlpatterns = [
    path("", views.notification_list, name="correspondence_notification_list"),
    path("<int:pk>/open/", views.notification_open, name="correspondence_notification_open"),
    path("read/", views.notification_mark_read, name="correspondence_notification_mark_read"),
    path("settings/", views.preferences, name="correspondence_preferences"),
    path("mail/", views.mail_list, name="correspondence_mail_list"),
]
