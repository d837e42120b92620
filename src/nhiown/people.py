"""The people directory: who exists, under which names, and who has left."""

from __future__ import annotations

from collections.abc import Iterable

from nhiown.model import Person


class People:
    """Looks people up by id or alias, case-insensitively."""

    def __init__(self, persons: Iterable[Person], given: bool) -> None:
        self.given = given
        self.persons: dict[str, Person] = {}
        self._by_name: dict[str, Person] = {}
        for person in persons:
            self.persons[person.id] = person
            for name in (person.id, *person.aliases):
                self._by_name[name.strip().lower()] = person

    def find(self, name: str | None) -> Person | None:
        """The person known by ``name`` (id or alias), if listed."""
        if not name:
            return None
        return self._by_name.get(name.strip().lower())

    def canonical(self, name: str) -> str:
        """One spelling per person: the person's id, else the name lower-cased."""
        person = self.find(name)
        return person.id.lower() if person else name.strip().lower()

    def same(self, a: str | None, b: str | None) -> bool:
        """Whether two names denote the same person."""
        if not a or not b:
            return False
        return self.canonical(a) == self.canonical(b)

    def team_of(self, name: str | None) -> str | None:
        person = self.find(name)
        return person.team if person else None
