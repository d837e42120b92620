"""``nhiown rules [CODE]``: the rule table, or one rule explained."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from nhiown import options
from nhiown.rules import REGISTRY, get_rule


class RulesFormat(StrEnum):
    table = "table"
    json = "json"


def command(
    code: Annotated[
        str | None,
        typer.Argument(
            help="A rule code such as REV001, or a name such as review-overdue"
            " (any case). Without it, every rule is listed.",
            metavar="CODE",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        RulesFormat,
        typer.Option("--format", "-f", help="table for people, json for tooling."),
    ] = RulesFormat.table,
    output: options.Output = None,
    no_color: options.NoColor = False,
    debug: options.Debug = False,
) -> None:
    """List the rules, or explain one: what it checks, why, an example and a fix.

    Exit status: 0, or 2 when CODE names no rule.
    """
    from nhiown.formats import rule_docs  # Rich loads only when rules runs

    if code is None:
        rules = list(REGISTRY.values())
        if output_format is RulesFormat.json:
            text = rule_docs.render_json(rules)
        else:
            text = rule_docs.render_table(rules, options.display_for(no_color, output))
    else:
        rule = get_rule(code)
        if output_format is RulesFormat.json:
            text = rule_docs.render_json([rule], with_doc=True)
        else:
            text = rule_docs.render_doc(rule)
    options.emit(text, output, machine=output_format is RulesFormat.json)
    raise typer.Exit(0)
