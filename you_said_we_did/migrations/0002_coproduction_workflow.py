"""The "Co-production review" workflow: the young ambassadors check a draft, then the parent
carer ambassadors, then an officer publishes. Officers assign it to pages in Settings >
Workflows (the demo seed assigns it to "You said, we did" and the outcomes frameworks)."""

from django.db import migrations

WORKFLOW = "Co-production review"
STEPS = [
    ("AmbassadorCheckTask", "Young ambassadors check", "Young ambassador"),
    ("AmbassadorCheckTask", "Parent carer ambassadors check", "Parent carer ambassador"),
    ("GroupApprovalTask", "An officer publishes", "Officer"),
]


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if Workflow.objects.filter(name=WORKFLOW).exists():
        return
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    for order, (model_name, name, group_name) in enumerate(STEPS):
        app_label = "you_said_we_did" if model_name == "AmbassadorCheckTask" else "wagtailcore"
        model = apps.get_model(app_label, model_name)
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=model_name.lower()
        )
        task = model.objects.create(name=name, active=True, content_type=content_type)
        group = Group.objects.filter(name=group_name).first()
        if group:
            task.groups.add(group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("you_said_we_did", "0001_pages_notifications_checks"),
        ("engagement", "0002_staff_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
