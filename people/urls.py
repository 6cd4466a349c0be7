from django.contrib.auth import views as auth_views
from django.urls import path

from . import forms, timeout, views
from .equality import views as equality
from .esr_import import views as esr_import
from .sso.urls import urlpatterns as sso_urlpatterns

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", timeout.SignOutView.as_view(), name="logout"),
    path("session/extend/", timeout.extend, name="session-extend"),
    path(
        "account/password/",
        views.ChangePasswordView.as_view(),
        name="password_change",
    ),
    path(
        "account/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "account/reset/",
        views.ResetPasswordView.as_view(),
        name="password_reset",
    ),
    path(
        "account/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=forms.NewPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("people/me/", views.person_me, name="person-me"),
    path("people/me/reads/", views.my_reads, name="my-reads"),
    path("people/me/equality/", equality.my_equality, name="my-equality"),
    path("people/me/equality/remove/", equality.remove_my_equality, name="my-equality-remove"),
    path("people/<num:pk>/", views.person_detail, name="person-detail"),
    path("organisation/", views.unit_list, name="unit-list"),
    path("organisation/<num:pk>/", views.unit_detail, name="unit-detail"),
    path("organisation/<num:pk>/leavers/", views.unit_leavers, name="unit-leavers"),
    path("people/esr-import/", esr_import.upload, name="esr-import"),
    path("people/esr-import/<uuid:token>/", esr_import.run_detail, name="esr-import-run"),
    path("people/esr-import/<uuid:token>/apply/", esr_import.run_apply, name="esr-import-apply"),
]
urlpatterns += sso_urlpatterns  # single sign-on and the break-glass sign-in
