"""Safe YAML 1.2 loading into position-carrying data (``YMap``/``YSeq``).

The exact path composes ruamel.yaml's event stream (``nhiown.yamlcompose``).
It is slow on large files, so ``load_yaml`` first tries ``yamlsubset``, which
reads the plain subset inventories are written in ten times faster and hands
everything else (and every error) back to the exact path.
"""

from __future__ import annotations

import os
from typing import Any

from nhiown.errors import YamlError
from nhiown.yamlcore import expansion_budget
from nhiown.yamlsubset import Unsupported, load_subset

LOADER_ENV = "NHIOWN_YAML_LOADER"
"""Force a loader: ``ruamel`` (the reference composer only) or ``subset`` (the
fast loader only; a file outside its subset is an error). For tests and
benchmarks; unset, the subset loader runs first and ruamel.yaml takes over."""

def decode(data: bytes, filename: str) -> str:
    """UTF-8 text of a file, without a BOM; a clear error where it is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
            file=filename,
            line=line,
            column=column,
            hint="save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def load_yaml(text: str, filename: str) -> Any:
    """Parse one YAML document into YMap/YSeq/scalars; None for an empty file."""
    forced = os.environ.get(LOADER_ENV)
    if forced == "ruamel":
        return load_ruamel(text, filename)
    try:
        return load_subset(text, expansion_budget(text))
    except Unsupported:
        if forced == "subset":
            raise YamlError(
                f"outside the fast loader's subset ({LOADER_ENV}=subset)",
                file=filename,
            ) from None
    return load_ruamel(text, filename)


def load_ruamel(text: str, filename: str) -> Any:
    """``load_yaml`` on ruamel.yaml's event stream: every construct, exact errors."""
    from nhiown import yamlcompose  # ruamel.yaml costs an import only when needed

    return yamlcompose.load(text, filename)
