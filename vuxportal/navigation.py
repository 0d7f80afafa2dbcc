"""The main menu. Apps add entries from their own ``navigation.py``; each entry shows
only to users holding its permission, so every role sees what it can use."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    permission: str | None = None
    order: int = 100
    # Which URL-namespace prefix marks the item as the current page.
    section: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


class Menu:
    def __init__(self) -> None:
        self._items: list[MenuItem] = []

    def add(self, *items: MenuItem) -> None:
        self._items.extend(items)
        self._items.sort(key=lambda item: item.order)

    def for_user(self, user) -> list[MenuItem]:
        return [i for i in self._items if i.permission is None or user.has_perm(i.permission)]


menu = Menu()
