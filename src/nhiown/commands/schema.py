"""``nhiown schema``: the JSON Schema of an inventory file, or of the config."""

from __future__ import annotations

from typing import Annotated

import typer

from nhiown import inventory_schema, options


def command(
    config: Annotated[
        bool,
        typer.Option(
            "--config",
            help="The schema of .nhiown.yaml (policy and people) instead of an"
            " inventory file.",
        ),
    ] = False,
    output: options.Output = None,
    debug: options.Debug = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of an inventory file.

    For editor completion (yaml-language-server) and check-jsonschema: see
    docs/schema.md. The same version of nhiown prints the same bytes.

    Exit status: 0, or 2 when the output file cannot be written.
    """
    if config:
        schema = inventory_schema.config_schema()
    else:
        schema = inventory_schema.inventory_schema()
    options.emit(inventory_schema.render(schema), output, machine=True)
    raise typer.Exit(0)
