"""The officers' side of the pool of comments in the Wagtail admin: reviewing themes, editing
the codebook, suggestions for new themes, learning from decisions, and importing CSVs."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.db.models import Count, Q
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import admin_listings, admin_words, bulk_actions, codebook_views, comment_imports  # noqa: F401
from .audit_admin import AuditEventViewSet, ViewOnlyPolicy
from .checking import voice_ids_queued
from .models import AuditEvent, CommentTheme, Theme, Voice
from .outcome_choices import GroupedOutcomeCheckboxes
from .quote_chooser import QuotableChooserViewSet
from .review_filters import CommentFilterSet
from .tasks import analyse_voices, queue_reanalysis

COMMENTS_MENU = "register_comments_menu_item"

# Comments are read (redacted) and themed in the admin, never edited or deleted there, not even
# by a superuser: the edit form would show the words as written, personal data and all. A
# respondent's or an officer's erasure, or the source's own edit, changes them.
register_permission_policy(Voice, ViewOnlyPolicy(Voice))


class ThemesColumn(Column):
    """Each theme a comment carries, who gave it (machine or person) and why."""

    cell_template_name = "engagement/admin/themes_cell.html"

    def get_value(self, voice):
        # Where the comment stands (CommentTheme); the machine's confidence and reasons say why.
        why = {assignment.theme_id: assignment for assignment in voice.assignments.all()}
        rows = []
        for current in voice.current_themes.all():
            assignment = why.get(current.theme_id)  # None if a rerun replaced it meanwhile
            by = "person"
            if current.given_by == CommentTheme.GivenBy.MACHINE:
                by = assignment.get_source_display() if assignment else "machine"
            rows.append(
                {
                    "theme": current.theme,
                    "by": by,
                    "rejected": current.state == CommentTheme.State.REJECTED,
                    "confidence": round(assignment.confidence * 100)
                    if assignment and by != "person"
                    else None,
                    "reasons": assignment.reasons if assignment else [],
                }
            )
        return sorted(rows, key=lambda row: row["theme"].name)


class CommentViewSet(SnippetViewSet):
    model = Voice
    icon = "openquote"
    menu_label = "Review comments"
    menu_name = "review-comments"
    url_prefix = "comments"
    index_template_name = "engagement/admin/comments_index.html"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "redacted_text", "prompt", "channel", "audience", "outcome", "said_at", "sentiment",
        "personal_data_kinds", "consent_to_quote", "reviewed_at",
    ]  # fmt: skip
    list_per_page = 50
    ordering = ["-said_at"]
    search_fields = ["redacted_text"]
    search_backend_name = None
    filterset_class = CommentFilterSet
    chooser_viewset_class = QuotableChooserViewSet
    list_display = [
        Column("redacted_text", label="Comment (personal details removed)"),
        ThemesColumn("themes", label="Themes"),
        Column("sentiment", label="Sentiment"),
        Column("get_channel_display", label="Channel"),
        Column("get_audience_display", label="Audience"),
        DateColumn("said_at", label="Date"),
    ]

    def get_queryset(self, request):
        return Voice.objects.prefetch_related("current_themes__theme", "assignments")


class ThemesIndex(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Progress of a re-theming after a codebook change: readable comments only, so the
        # count never hints at how many are withheld (the comments list shows that total).
        queued = voice_ids_queued()
        readable = set(Voice.objects.values_list("pk", flat=True)) if queued else set()
        context["waiting_to_theme"] = len(queued & readable)
        return context


class ThemeViewSet(SnippetViewSet):
    model = Theme
    index_view_class = ThemesIndex
    icon = "tag"
    menu_label = "Themes (codebook)"
    menu_name = "themes"
    url_prefix = "themes"
    index_template_name = "engagement/admin/themes_index.html"
    copy_view_enabled = False
    list_filter = ["active"]
    list_display = [
        "name",
        "key",
        Column("machine_count", label="Given by the machine"),
        Column("accepted_count", label="Accepted by people"),
        admin_words.YesNoColumn("active", label="In use"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("keywords"),
                FieldPanel("supporting"),
                FieldPanel("phrases"),
                FieldPanel("examples"),
            ],
            heading="What points to this theme",
        ),
        FieldPanel("outcomes", widget=GroupedOutcomeCheckboxes),
        FieldPanel("active"),
    ]

    def get_queryset(self, request):
        # A join counts every row: only comments anyone may read are counted, so the totals
        # never hint at a comment that is withheld.
        shown = Voice.objects.values("pk")
        return Theme.objects.annotate(
            # Everything the machine gave, decided on since or not: how often people overrule
            # it shows beside "accepted by people".
            machine_count=Count(
                "assignments", filter=Q(assignments__voice__in=shown), distinct=True
            ),
            accepted_count=Count(
                "current_on",
                filter=Q(
                    current_on__given_by="person",
                    current_on__state="carried",
                    current_on__voice__in=shown,
                ),
                distinct=True,
            ),
        )


class CommentsGroup(ViewSetGroup):
    """The Comments menu: its two viewsets (listed here, so they take no menu_hook of their
    own, which would list each twice) and the officers' items registered on COMMENTS_MENU."""

    menu_label = "Comments"
    menu_icon = "openquote"
    menu_order = 150
    submenu_hook = COMMENTS_MENU
    items = (CommentViewSet, ThemeViewSet)


register_snippet(CommentsGroup)


for action in (
    bulk_actions.AcceptThemes,
    bulk_actions.AddTheme,
    bulk_actions.RemoveTheme,
    bulk_actions.MoveTheme,
    bulk_actions.NoThemeApplies,
):
    hooks.register("register_bulk_action", action)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def theme_again_after_codebook_change(request, instance):
    if isinstance(instance, Theme):
        transaction.on_commit(queue_reanalysis)
        if analyse_voices.get_backend().supports_defer:  # a worker takes them (production)
            messages.info(
                request,
                "Every comment is being themed again with this change. It takes a few minutes: "
                "the themes list shows how many are still to do, and until then comments keep "
                "their old themes.",
            )
        else:  # tasks run at once (development): done before this page is shown
            messages.info(request, "Every comment has been themed again with this change.")


def _officers(view):
    return permission_required("engagement.review_comments", raise_exception=True)(view)


@hooks.register("register_admin_urls")
def comments_admin_urls():
    return [
        path("themes/<int:pk>/merge/", _officers(codebook_views.merge), name="theme_merge"),
        path("themes/<int:pk>/split/", _officers(codebook_views.split), name="theme_split"),
        path("theme-suggestions/", _officers(codebook_views.suggestions), name="theme_suggestions"),
        path("theme-learning/", _officers(codebook_views.learning), name="theme_learning"),
        path("comment-imports/", _officers(comment_imports.upload), name="comment_imports"),
        path(
            "comment-imports/<int:pk>/",
            _officers(comment_imports.preview),
            name="comment_import_preview",
        ),
    ]


@hooks.register("register_admin_urls")
def document_and_image_listings():
    return admin_listings.listing_urls()


class OfficersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("engagement.review_comments")


@hooks.register(COMMENTS_MENU)
def unthemed_menu_item():
    url = reverse("wagtailsnippets_engagement_voice:list") + "?theme=unthemed"
    return OfficersMenuItem("Unthemed comments", url, icon_name="help", order=3)


@hooks.register(COMMENTS_MENU)
def suggestions_menu_item():
    return OfficersMenuItem(
        "Theme suggestions", reverse("theme_suggestions"), icon_name="pick", order=4
    )


@hooks.register(COMMENTS_MENU)
def learning_menu_item():
    return OfficersMenuItem(
        "Learning from decisions", reverse("theme_learning"), icon_name="cogs", order=5
    )


@hooks.register(COMMENTS_MENU)
def imports_menu_item():
    return OfficersMenuItem(
        "Import comments (CSV)", reverse("comment_imports"), icon_name="upload", order=6
    )


@hooks.register("register_snippet_listing_buttons")
def theme_merge_split_buttons(snippet, user, next_url=None):
    from wagtail.admin.widgets import ListingButton

    if (
        isinstance(snippet, Theme)
        and snippet.active
        and user.has_perm("engagement.review_comments")
    ):
        yield ListingButton(
            "Merge into another theme", reverse("theme_merge", args=[snippet.pk]), priority=30
        )
        yield ListingButton("Split", reverse("theme_split", args=[snippet.pk]), priority=40)


register_permission_policy(AuditEvent, ViewOnlyPolicy(AuditEvent))


@hooks.register("register_admin_viewset")
def audit_log_viewset():
    return AuditEventViewSet("audit_log")


from . import email_alerts  # noqa: E402, F401  (its admin home page panel)
