from django import template
from wagtail.models import Site

from outcomes_cms.models import StandardPage

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The standard pages under the site's home (accessibility statement, privacy notice)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return StandardPage.objects.none()
    return site.root_page.get_children().live().type(StandardPage).in_menu()
