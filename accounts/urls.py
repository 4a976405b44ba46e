from django.contrib.auth import views as auth_views
from django.urls import path

from . import sso, views

# The names are Django's own (templates and the admin reverse them).
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("start/", views.landing, name="account-landing"),
    path("utloggad/", views.logged_out, name="logged-out"),
    path("sso/", sso.SignOnStart.as_view(), name="sso-start"),
    path("sso/tillbaka/", sso.SignOnCallback.as_view(), name="sso-callback"),
    path("inbjudan/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
    path("valkommen/", views.welcome, name="account-welcome"),
    path("konto/", views.account_page, name="account"),
    path("tva-steg/", views.second_factor, name="second-factor"),
    path("tva-steg/ny/", views.second_factor_setup, name="second-factor-setup"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
