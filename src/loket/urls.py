from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from loket.families.language import set_language_and_keep
from loket.privacy import views as privacy_views

urlpatterns = [
    path("", include("loket.portal.urls")),
    path("", include("loket.core.urls")),
    path("", include("loket.areas.urls")),
    path("gezin/mijn-gegevens/", include("loket.privacy.urls")),
    path("privacy/", privacy_views.statement, name="privacy_statement"),
    path("", include("loket.families.urls")),
    path("", include("loket.guide.urls")),
    path("loket/wissen/", include("loket.privacy.desk_urls")),
    path("loket/", include("loket.casework.urls")),
    path("rondes/", include("loket.allocation.urls")),
    path("aanbieder/", include("loket.supply.urls")),
    path("rapporten/", include("loket.reports.urls")),
    path("voorzet/", include("loket.support.urls")),
    path("api/v1/", include("loket.api.urls")),
    path("account/", include("loket.accounts.urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("taal/", set_language_and_keep, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("loketten/", include("loket.onboarding.urls")),
    path("beheer/", admin.site.urls),
]

handler403 = "loket.core.errors.forbidden"
handler404 = "loket.core.errors.not_found"
handler500 = "loket.core.errors.server_error"
