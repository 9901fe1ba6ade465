from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("post/", views.post, name="post"),
    path("<int:pk>/report/", views.report, name="report"),
    path("notifications/stop/<str:token>/", views.stop_notifications, name="stop_notifications"),
]
