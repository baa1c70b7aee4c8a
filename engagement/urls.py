from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import accounts, branding, safeguarding, views

# Wagtail's /admin/failwhale/ raises an error on purpose, for testing error reports: not here.
admin_urlpatterns = [
    pattern
    for pattern in wagtailadmin_urls.urlpatterns
    if getattr(pattern, "name", None) != "wagtailadmin_error_test"
]

urlpatterns = [
    # One way to sign in: Wagtail's login forms go to allauth's (engagement/accounts.py). Its
    # password reset is off (settings: WAGTAIL_PASSWORD_RESET_ENABLED).
    path("admin/login/", accounts.login_through_allauth),
    path("_util/login/", accounts.login_through_allauth),
    path("admin/", include(admin_urlpatterns)),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("staff/", views.staff_home, name="staff_home"),
    path("brand.css", branding.brand_css, name="brand_css"),
    path("dashboard/", include("engagement.dashboard.urls")),
    path("safeguarding/", safeguarding.queue, name="safeguarding_queue"),
    path("safeguarding/<int:pk>/", safeguarding.case_detail, name="safeguarding_case"),
    path("safeguarding/<int:pk>/owner/", safeguarding.case_owner, name="safeguarding_owner"),
    path("safeguarding/<int:pk>/print/", safeguarding.case_print, name="safeguarding_print"),
    path("safeguarding/<int:pk>/export/", safeguarding.case_export, name="safeguarding_export"),
    path("focus-groups/", include("surveys.focus_groups.urls")),
    path("", include("you_said_we_did.urls")),
    path("", include("surveys.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
