"""Wagtail's document and image listings, with a search and the usage-count filter together.

Wagtail 8 annotates each document or image with its usage count and filters on that; its search
backend cannot read a filter on an annotation (django-modelsearch issue 51), so searching with
"Usage count" set was a server error. Here the filters run first in the database, and the search
then looks among the ids they left. Registered over Wagtail's own addresses (our admin URL hook
runs first: engagement is listed before wagtail in INSTALLED_APPS).
"""

from django.urls import path
from wagtail.documents.views.documents import IndexView as DocumentIndexView
from wagtail.images.views.images import IndexView as ImageIndexView
from wagtail.models import ReferenceIndex


class FilterBeforeSearch:
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.is_searching and self.needs_usage_count_subquery:
            ids = list(queryset.values_list("pk", flat=True))
            queryset = self.model._default_manager.filter(pk__in=ids).select_related("collection")
        return queryset

    def decorate_paginated_queryset(self, object_list):
        if not (self.is_searching and self.needs_usage_count_subquery):
            return super().decorate_paginated_queryset(object_list)
        # The searched rows lost the annotation: count the page's usage as Wagtail does.
        counts = ReferenceIndex.get_count_references_to_in_bulk(list(object_list))
        for item in object_list:
            item.usage_count = counts.get(item, 0)
        return object_list


class DocumentIndex(FilterBeforeSearch, DocumentIndexView):
    pass


class ImageIndex(FilterBeforeSearch, ImageIndexView):
    pass


def listing_urls() -> list:
    """The two listings and their results-only forms (what the search box fetches)."""
    return [
        path("documents/", DocumentIndex.as_view()),
        path("documents/results/", DocumentIndex.as_view(results_only=True)),
        path("images/", ImageIndex.as_view()),
        path("images/results/", ImageIndex.as_view(results_only=True)),
    ]
