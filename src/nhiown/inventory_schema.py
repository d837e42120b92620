"""JSON Schema (draft 2020-12) of an inventory file and of ``.nhiown.yaml``.

Derived from the Pydantic models, so the schema an editor uses and the one
``check`` enforces (SCH001) cannot drift apart. The post-processing below adds
what the models leave to the loader: the file's top level, the keys without
which an identity cannot be judged, and the rule codes ``policy.rules`` knows.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, models_json_schema

from nhiown.dates import Duration
from nhiown.model import REQUIRED_IDENTITY_KEYS, Identity, Person, Policy
from nhiown.rules import REGISTRY

DIALECT = "https://json-schema.org/draft/2020-12/schema"
INVENTORY_ID = "https://nhiown.dev/schema/v1.json"
CONFIG_ID = "https://nhiown.dev/schema/config-v1.json"
_EXTENSION = {"^x-": {"description": "Ignored by nhiown: a home for YAML anchors."}}


class _Generator(GenerateJsonSchema):
    """Defaults written as a user would write them: ``30d``, not an object."""

    def encode_default(self, dft: Any) -> Any:
        return super().encode_default(_plain(dft))


def _plain(value: Any) -> Any:
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _definitions() -> dict[str, Any]:
    models = [(model, "validation") for model in (Identity, Person, Policy)]
    _, top = models_json_schema(models, schema_generator=_Generator)  # type: ignore[arg-type]
    definitions: dict[str, Any] = top["$defs"]
    for definition in definitions.values():
        _tidy(definition.get("properties", {}))
    _require_identity_keys(definitions["Identity"])
    _complete_policy(definitions["Policy"])
    return dict(sorted(definitions.items()))


def _tidy(properties: dict[str, Any]) -> None:
    for name, prop in properties.items():
        # Titles like "Last Rotated" only repeat the key in editors' hovers,
        # and "default: null" says no more than leaving the key out.
        prop.pop("title", None)
        if "default" in prop and prop["default"] is None:
            del prop["default"]
        properties[name] = _flat_nullable(prop)


def _require_identity_keys(identity: dict[str, Any]) -> None:
    """The keys without which the loader cannot judge an identity (SCH001)."""
    identity["required"] = list(REQUIRED_IDENTITY_KEYS)
    for key in REQUIRED_IDENTITY_KEYS:
        identity["properties"][key] = _without_null(identity["properties"][key])


def _complete_policy(policy: dict[str, Any]) -> None:
    policy["description"] = "Governance settings; every key is optional."
    properties = policy["properties"]
    # The time zone is checked by a plain validator, which has no schema of its own.
    properties["timezone"] = {
        "type": "string",
        "default": "UTC",
        "description": "IANA time zone in which today is computed.",
    }
    properties["rules"]["propertyNames"] = {"enum": list(REGISTRY)}
    defaults = Policy()
    for name, prop in properties.items():
        # Pydantic leaves out defaults made by a factory; editors show them on hover.
        prop.setdefault("default", _plain(getattr(defaults, name)))


def _referenced(node: Any, definitions: dict[str, Any], seen: set[str]) -> set[str]:
    """Names of the definitions ``node`` refers to, directly or through others."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref.removeprefix("#/$defs/")
            if name not in seen:
                seen.add(name)
                _referenced(definitions[name], definitions, seen)
        for value in node.values():
            _referenced(value, definitions, seen)
    elif isinstance(node, list):
        for value in node:
            _referenced(value, definitions, seen)
    return seen


def _with_definitions(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with the definitions it uses, and only those."""
    definitions = _definitions()
    used = _referenced(schema, definitions, set())
    return {**schema, "$defs": {n: d for n, d in definitions.items() if n in used}}


def _flat_nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``anyOf: [{type: T, ...}, {type: null}]`` as ``type: [T, null]``.

    Same meaning, but a validator then reports the real problem (an unknown
    key, a bad date) instead of "not valid under any of the given schemas".
    """
    branches = schema.get("anyOf", [])
    if len(branches) != 2 or branches[1] != {"type": "null"}:
        return schema
    value = branches[0]
    if not isinstance(value.get("type"), str):
        return schema
    flat = {k: v for k, v in schema.items() if k != "anyOf"}
    flat.update(value)
    flat["type"] = [value["type"], "null"]
    if "enum" in value:
        flat["enum"] = [*value["enum"], None]
    return flat


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """``X | None`` as plain ``X``: a required key must not be empty either."""
    plain = {k: v for k, v in schema.items() if k != "default"}
    if isinstance(plain.get("type"), list):
        plain["type"] = next(t for t in plain["type"] if t != "null")
    if "enum" in plain:
        plain["enum"] = [v for v in plain["enum"] if v is not None]
    return plain


def _list_of(definition: str) -> dict[str, Any]:
    # An empty key (`people:`) loads as null, and the loader accepts it.
    return {"type": ["array", "null"], "items": {"$ref": f"#/$defs/{definition}"}}


def _policy_and_people() -> dict[str, Any]:
    return {
        "version": {"const": 1, "description": "Format version; 1 when absent."},
        "policy": {"anyOf": [{"$ref": "#/$defs/Policy"}, {"type": "null"}]},
        "people": _list_of("Person"),
    }


def inventory_schema() -> dict[str, Any]:
    """The schema of one inventory file: identities, and optionally policy, people."""
    properties = _policy_and_people()
    properties["identities"] = _list_of("Identity")
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": INVENTORY_ID,
        "title": "nhiown inventory",
        "description": "Machine identities with their owners, purpose, reviews,"
        " expiry and scopes. Run `nhiown rules` for what each key is checked for.",
        "type": "object",
        "required": ["identities"],
        "properties": properties,
        "patternProperties": _EXTENSION,
        "additionalProperties": False,
    }
    return _with_definitions(schema)


def config_schema() -> dict[str, Any]:
    """The schema of ``.nhiown.yaml``: policy and people, no identities."""
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": CONFIG_ID,
        "title": "nhiown configuration (.nhiown.yaml)",
        "description": "Policy and people shared by every file of an inventory.",
        "type": "object",
        "properties": _policy_and_people(),
        "patternProperties": _EXTENSION,
        "additionalProperties": False,
    }
    return _with_definitions(schema)


def render(schema: dict[str, Any]) -> str:
    """Indented JSON; key order is fixed by the code, so runs are byte-identical."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
