from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Voice
from .tasks import queue_analysis


@receiver(post_save, sender=Voice)
def analyse_new_or_changed_text(sender, instance: Voice, raw=False, **kwargs):
    if not raw and instance.needs_analysis:
        queue_analysis([instance.pk])
