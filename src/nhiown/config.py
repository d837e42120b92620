"""Policy and people: from ``.nhiown.yaml`` and from a single-file inventory.

Problems in the config file stop the run (exit 2): nothing can be judged
against a policy that is not what its author meant. Problems in a policy kept
inside the inventory file are SCH001 findings, like any other schema problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from nhiown.errors import ConfigError
from nhiown.model import Person, Policy, with_defaults
from nhiown.people import People
from nhiown.rules import REGISTRY
from nhiown.sources import SourceFile
from nhiown.validation import Problem, dotted, key_name, shown, validate
from nhiown.yamltree import (
    Path,
    YMap,
    YSeq,
    locate,
    locate_key,
    locate_value,
    written_key,
)

CONFIG_KEYS = ("version", "policy", "people")


@dataclass
class Located:
    """A schema problem already tied to its file."""

    file: str
    line: int
    column: int
    message: str


@dataclass
class Settings:
    """The policy and people in force, and the problems found building them."""

    policy: Policy
    people: People
    problems: list[Located] = field(default_factory=list)


def place(source: SourceFile, root: Any, problem: Problem) -> Located:
    finder = locate_key if problem.on_key else locate_value
    mark = finder(root, problem.path) or _nearest(root, problem.path) or (1, 1)
    return Located(source.name, mark[0], mark[1], problem.message)


def _nearest(root: Any, path: Path) -> tuple[int, int] | None:
    for cut in range(len(path) - 1, -1, -1):
        mark = locate(root, path[:cut])
        if mark is not None:
            return mark
    return None


def check_config_shape(source: SourceFile) -> None:
    """The config file is a mapping of known keys; ConfigError otherwise."""
    data = source.data
    if data is None:
        return
    if not isinstance(data, YMap):
        raise ConfigError(
            "config must be a mapping of policy: and people:",
            file=source.name, line=1, column=1,
        )
    for key in data:
        if key in CONFIG_KEYS or str(key).startswith("x-"):
            continue
        line, column = data.key_mark(key)
        raise ConfigError(
            f"unknown key {key_name(key, written_key(source.text, data, (key,)))}"
            " in config (expected version, policy, people)",
            file=source.name, line=line, column=column,
        )
    version = data.get("version", 1)
    if type(version) is not int or version != 1:  # not true, not 1.0
        line, column = data.value_mark("version")
        raise ConfigError(
            f"version: expected 1, got {shown(version)}",
            file=source.name, line=line, column=column,
        )


def build_settings(config: SourceFile | None, inventory: SourceFile | None) -> Settings:
    """Policy and people from the config file, then the single-file inventory."""
    problems: list[Located] = []
    policy_data: dict[str, Any] = {}
    persons: list[Person] = []
    given = False
    if config is not None:
        check_config_shape(config)
        config_policy, config_problems = _policy_part(config)
        config_persons, person_problems = _people_part(config)
        for located in config_problems + person_problems:
            raise ConfigError(located.message, file=located.file, line=located.line,
                              column=located.column)
        policy_data.update(config_policy)
        persons += config_persons
        given = given or _has(config, "people")
    if inventory is not None:
        inventory_policy, inventory_problems = _policy_part(inventory)
        inventory_persons, person_problems = _people_part(inventory)
        problems += inventory_problems + person_problems
        policy_data.update(inventory_policy)
        persons += inventory_persons
        given = given or _has(inventory, "people")
    policy = Policy.model_validate(with_defaults(policy_data))
    return Settings(policy, People(persons, given), problems)


def _has(source: SourceFile, key: str) -> bool:
    return isinstance(source.data, dict) and source.data.get(key) is not None


def _policy_part(source: SourceFile) -> tuple[dict[str, Any], list[Located]]:
    """The valid keys of the file's ``policy:``, and the problems of the rest."""
    data = source.data
    raw = data.get("policy") if isinstance(data, dict) else None
    if raw is None:
        return {}, []
    prefix: Path = ("policy",)
    if not isinstance(raw, dict):
        return {}, [place(source, data, Problem(prefix, "policy: expected a mapping"))]
    spelling = partial(written_key, source.text, data)
    policy, problems = validate(Policy, with_defaults(raw), prefix, spelling)
    problems += _unknown_rule_codes(raw, prefix)
    located = [place(source, data, p) for p in problems]
    if policy is None:
        return {}, located
    bad_keys = {p.path[1] for p in problems if len(p.path) > 1}
    valid = {k: v for k, v in raw.items() if k not in bad_keys}
    return valid, located


def _unknown_rule_codes(raw: dict[str, Any], prefix: Path) -> list[Problem]:
    rules = raw.get("rules")
    if not isinstance(rules, dict):
        return []
    return [
        Problem((*prefix, "rules", code), f"unknown rule {code!r} in policy.rules",
                on_key=True)
        for code in rules
        if isinstance(code, str) and code not in REGISTRY  # others: not text
    ]


def _people_part(source: SourceFile) -> tuple[list[Person], list[Located]]:
    data = source.data
    raw = data.get("people") if isinstance(data, dict) else None
    if raw is None:
        return [], []
    if not isinstance(raw, YSeq):
        problem = Problem(("people",), "people: expected a list of people")
        return [], [place(source, data, problem)]
    persons: list[Person] = []
    located: list[Located] = []
    claimed: dict[str, str] = {}
    """Every id and alias, lower-cased, and the person it names."""
    for index, item in enumerate(raw):
        prefix: Path = ("people", index)
        spelling = partial(written_key, source.text, data)
        person, problems = validate(Person, item, prefix, spelling)
        located += [place(source, data, p) for p in problems]
        if person is None:
            continue
        if person.id.lower() in claimed:
            owner = claimed[person.id.lower()]
            message = f"{dotted(prefix)}: {person.id} is already listed as {owner}"
            located.append(place(source, data, Problem((*prefix, "id"), message)))
            continue
        claimed[person.id.lower()] = person.id
        located += _alias_clashes(source, person, prefix, claimed)
        persons.append(person)
    return persons, located


def _alias_clashes(
    source: SourceFile, person: Person, prefix: Path, claimed: dict[str, str]
) -> list[Located]:
    """An alias that names someone else too would make owners ambiguous."""
    clashes = []
    for index, alias in enumerate(person.aliases):
        other = claimed.setdefault(alias.strip().lower(), person.id)
        if other != person.id:
            message = f"alias {alias!r} of {person.id} already names {other}"
            problem = Problem((*prefix, "aliases", index), message)
            clashes.append(place(source, source.data, problem))
    return clashes
