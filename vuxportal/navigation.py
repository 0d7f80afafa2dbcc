"""The main menu: the one registry's ``menu`` store. Apps register their entries in their
own ``plugins.py``, each with the permission it needs, so every role sees what it can use:

    registry.menu.register(
        MenuItem(_("Devices"), "infrastructure:device_list"),
        key="infrastructure:device_list",
        order=50,
        permission="infrastructure.view_devices",
    )
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise

from .registry import registry


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    # Which URL-namespace prefix marks the item as the current page.
    section: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


# ``menu.for_user(user)``: the entries a user may use, in menu order.
menu = registry.menu
