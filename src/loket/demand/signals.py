"""Keep each family's search keys (`demand.search`) in step with its rows, whichever door a change comes through
(the registration, the management screens, a merge, an anonymisation). The keys are derived data like an index,
which is why a signal keeps them rather than every service. Bulk writes (`bulk_create`, `update`) send no signals:
the demo loader and imports call `families_reindex` afterwards."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Child, Family, Guardian
from .search import family_index


@receiver(post_save, sender=Family, dispatch_uid="family_search_family")
def _family_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        family_index(instance.pk)


@receiver(post_save, sender=Guardian, dispatch_uid="family_search_guardian_saved")
@receiver(post_save, sender=Child, dispatch_uid="family_search_child_saved")
def _member_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.family_id:
        family_index(instance.family_id)


@receiver(post_delete, sender=Guardian, dispatch_uid="family_search_guardian_deleted")
@receiver(post_delete, sender=Child, dispatch_uid="family_search_child_deleted")
def _member_deleted(sender, instance, **kwargs):
    # After the commit: when the whole family is being deleted, its keys go with it and nothing is written back.
    family_id = instance.family_id
    transaction.on_commit(lambda: family_index(family_id))
