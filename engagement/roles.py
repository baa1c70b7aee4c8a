"""The staff roles and what each may do. The data migration and the tests both read this."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    permissions: tuple[str, ...]  # "app_label.codename"
    edits_pages: bool = False  # given Wagtail page permissions on the whole tree


OFFICER = "Officer"
FACILITATOR = "Facilitator"
COMMISSIONER = "Commissioner"
SAFEGUARDING_LEAD = "Safeguarding lead"
YOUNG_AMBASSADOR = "Young ambassador"
PARENT_CARER_AMBASSADOR = "Parent carer ambassador"

ROLES: tuple[Role, ...] = (
    Role(
        OFFICER,
        "Publishes outcome pages, the plan on a page, surveys and 'You said, we did' updates.",
        (
            "wagtailadmin.access_admin",
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
            "engagement.view_dashboard",
            "engagement.run_focus_groups",
            "surveys.add_answerscale",
            "surveys.change_answerscale",
            "surveys.delete_answerscale",
            "surveys.view_answerscale",
            "surveys.view_response",
            "surveys.view_focusgroupsession",  # every session, not only their own
            "engagement.review_comments",
            "engagement.view_voice",
            "engagement.add_theme",
            "engagement.change_theme",
            "engagement.view_theme",
            "engagement.add_commentimport",
            "engagement.view_commentimport",
            "engagement.delete_commentimport",
            "outcomes_cms.add_indicatorvalue",
            "outcomes_cms.change_indicatorvalue",
            "outcomes_cms.delete_indicatorvalue",
            "outcomes_cms.view_indicatorvalue",
            "engagement.view_auditevent",  # the audit log, read-only
            "wagtailcore.change_site",  # the address in share links and QR codes
            "engagement.change_branding",  # Settings > Branding: name, logo, colour, contact
        ),
        edits_pages=True,
    ),
    Role(
        FACILITATOR,
        "Runs focus groups and records who came (counts, not names), notes and quotes.",
        ("engagement.run_focus_groups",),
    ),
    Role(
        COMMISSIONER,
        "Reads the dashboard and themed feedback reports.",
        ("engagement.view_dashboard",),
    ),
    Role(
        SAFEGUARDING_LEAD,
        "Sees comments flagged as possible disclosures and records what was done.",
        ("engagement.review_safeguarding",),
    ),
    Role(
        YOUNG_AMBASSADOR,
        "A young person who checks that drafts say what young people meant.",
        ("engagement.review_as_ambassador",),
    ),
    Role(
        PARENT_CARER_AMBASSADOR,
        "A parent carer forum member who co-produces wording.",
        ("engagement.review_as_ambassador",),
    ),
)

ROLES_BY_NAME = {role.name: role for role in ROLES}


# Wagtail keeps image and document permissions per collection, not on the group.
COLLECTION_APPS = ("wagtailimages", "wagtaildocs")
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def sync_roles(apps) -> None:
    """Make each role's group hold its permissions. For data migrations: pass their `apps`.

    Idempotent, and it skips permissions whose app has not been migrated yet, so every app's
    migration that adds models a role needs can call it again.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Permissions are normally made after all migrations (post_migrate); make them now.
        # create_permissions skips apps without a models module, which migrations' apps lack.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        for dotted in role.permissions:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                continue  # that app's own migration will call sync_roles again
            if app_label in COLLECTION_APPS:
                if root_collection is None:
                    continue  # only a flushed test database has no root collection
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
            else:
                group.permissions.add(permission)
        if role.edits_pages and root_page:
            for codename in PAGE_PERMISSIONS:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
