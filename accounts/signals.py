"""A person given a role gets staff status, so that the admin lets them in; their rights
are the role's permissions, nothing more (a role never makes a superuser)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .roles import ROLE_NAMES

User = get_user_model()


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts.staff_follows_role")
def staff_follows_role(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action != "post_add" or not isinstance(instance, User) or instance.is_staff:
        return
    if instance.groups.filter(name__in=ROLE_NAMES).exists():
        type(instance).objects.filter(pk=instance.pk).update(is_staff=True)
        instance.is_staff = True
