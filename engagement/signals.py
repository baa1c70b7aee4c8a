from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from .cases import keep_when_erased
from .models import Voice
from .tasks import queue_analysis


@receiver(post_save, sender=Voice)
def analyse_new_or_changed_text(sender, instance: Voice, raw=False, **kwargs):
    if not raw and instance.needs_analysis:
        queue_analysis([instance.pk])


@receiver(pre_delete, sender=Voice)
def keep_the_safeguarding_case(sender, instance: Voice, **kwargs):
    """However a comment is deleted (erasure, cascade, retention), its case stays with the lead."""
    keep_when_erased(instance)
