from django.urls import path

from . import views

urlpatterns = [
    path("sign-in/organisation/", views.StartView.as_view(), name="sso-start"),
    path("sign-in/organisation/callback/", views.callback, name="sso-callback"),
    path("sign-in/password/", views.BreakGlassSignInView.as_view(), name="sso-break-glass"),
]
