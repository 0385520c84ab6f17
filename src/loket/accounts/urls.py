from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import second_factor, views
from .forms import LanguageAwarePasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("aanmelden/", views.SignInView.as_view(), name="login"),
    path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweede-stap/", second_factor.verify, name="second_factor"),
    path("tweede-stap/instellen/", second_factor.setup, name="second_factor_setup"),
    path(
        "wachtwoord-vergeten/",
        views.PasswordResetView.as_view(
            form_class=LanguageAwarePasswordResetForm,
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/mail/password_reset.txt",
            subject_template_name="accounts/mail/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-kiezen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-kiezen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("uitnodiging/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
    # the desk administrator's staff screen
    path("medewerkers/", views.staff_list, name="staff_list"),
    path("medewerkers/uitnodigen/", views.staff_invite, name="staff_invite"),
    path("medewerkers/<int:pk>/", views.staff_member, name="staff_member"),
    path("medewerkers/<int:pk>/rol/", views.staff_role_give, name="staff_role_give"),
    path("medewerkers/<int:pk>/rol/<int:role_pk>/intrekken/", views.staff_role_take, name="staff_role_take"),
    path("medewerkers/<int:pk>/deactiveren/", views.staff_deactivate, name="staff_deactivate"),
    path("medewerkers/<int:pk>/activeren/", views.staff_reactivate, name="staff_reactivate"),
    path("medewerkers/<int:pk>/uitnodiging/", views.staff_invitation_resend, name="staff_invitation_resend"),
]
