"""An Atom feed of "You said, we did" changes, for people and sites that follow them."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed


class ChangesFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.url

    def subtitle(self):
        return self.index_page.intro or "What you told us, and what we did about it."

    def items(self):
        return self.index_page.changes().order_by("-last_published_at")[:30]

    def item_title(self, item):
        return f"{item.title} ({item.get_status_display()})"

    def item_description(self, item):
        return f"You said: {item.you_said}\n\nWe did: {item.we_did}"

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
