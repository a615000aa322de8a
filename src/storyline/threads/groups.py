"""Connected groups of linked items (union-find): quote threads and wire-copy groups both need it."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


class Groups:
    """Items joined in pairs; `groups()` gives each connected set of two or more, in first-seen order."""

    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: dict[Hashable, Hashable] = {item: item for item in items}

    def root(self, item: Hashable) -> Hashable:
        while self.parent.setdefault(item, item) != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: Hashable, b: Hashable) -> None:
        self.parent[self.root(a)] = self.root(b)

    def joined(self, a: Hashable, b: Hashable) -> bool:
        return self.root(a) == self.root(b)

    def groups(self) -> list[list[Hashable]]:
        found: dict[Hashable, list[Hashable]] = {}
        for item in list(self.parent):
            found.setdefault(self.root(item), []).append(item)
        return [group for group in found.values() if len(group) > 1]
