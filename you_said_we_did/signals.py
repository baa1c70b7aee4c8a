from wagtail.signals import page_published

from .models import YouSaidWeDidPage
from .notifications import queue_telling


def tell_people_about_changes(sender, instance, **kwargs):
    """Published for the first time, or published with a new status: tell people once."""
    queue_telling(instance)


page_published.connect(tell_people_about_changes, sender=YouSaidWeDidPage)
