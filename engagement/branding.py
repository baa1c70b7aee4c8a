"""Who runs the site, from Settings > Branding (engagement.models.branding): one way to ask,
for templates, PDFs and emails alike. A request finds its Site's branding; code without a
request (a PDF built in a task, an email) reads the default Site's."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from wagtail.models import Site

from .models.branding import Branding


def branding_for(request=None) -> Branding:
    if request is not None:
        return Branding.for_request(request)
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return Branding.for_site(site) if site else Branding()


def council_name(request=None) -> str:
    return branding_for(request).name


@cache_control(max_age=300)
def brand_css(request):
    """The header colour as a stylesheet: the site's pages allow no inline styles (CSP)."""
    colour = branding_for(request).colour
    return HttpResponse(f":root {{ --brand: {colour}; }}\n", content_type="text/css")
