"""``nhiown schema``: the JSON Schema of an inventory file, or of the config."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from nhiown import inventory_schema, options


class SchemaOf(StrEnum):
    inventory = "inventory"
    config = "config"


def command(
    of: Annotated[
        SchemaOf,
        typer.Option(
            "--of",
            help="Which file the schema describes: an inventory file, or the"
            " config (.nhiown.yaml: policy and people).",
        ),
    ] = SchemaOf.inventory,
    output: options.Output = None,
    no_color: options.NoColor = False,
    debug: options.Debug = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of an inventory file.

    For editor completion (yaml-language-server) and check-jsonschema: see
    docs/schema.md. The same version of nhiown prints the same bytes.

    Exit status: 0, or 2 when the output file cannot be written.
    """
    if of is SchemaOf.config:
        schema = inventory_schema.config_schema()
    else:
        schema = inventory_schema.inventory_schema()
    options.emit(inventory_schema.render(schema), output, machine=True)
    raise typer.Exit(0)
