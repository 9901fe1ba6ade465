from django.contrib import admin
from django.urls import path

from . import views

app_name = "two_factor"

urlpatterns = [
    path("", admin.site.admin_view(views.setup), name="setup"),
    path("recovery-codes/", admin.site.admin_view(views.recovery_codes), name="recovery_codes"),
    path("turn-off/", admin.site.admin_view(views.turn_off), name="turn_off"),
]
