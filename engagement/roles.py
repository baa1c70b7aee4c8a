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
