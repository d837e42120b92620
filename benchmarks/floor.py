"""The least a Typer command that validates with Pydantic can cost to start.

benchmarks/run.py times this next to the bare imports and `nhiown check` on
the example inventory. It is the floor under any check built on the fixed
stack: `import pydantic` alone is lazy, so the bare imports do not pay for
Pydantic's model machinery, while anything that validates a record does.
Two small models, one record, one line of JSON out.
"""

from __future__ import annotations

import json

import typer
from pydantic import BaseModel


class Owners(BaseModel):
    business: str
    technical: str


class Identity(BaseModel):
    id: str
    kind: str
    purpose: str
    owners: Owners


RECORD = (
    '{"id": "deploy-bot", "kind": "bot", "purpose": "Deploys the site",'
    ' "owners": {"business": "ana@example.com", "technical": "bo@example.com"}}'
)


def check() -> None:
    """Validate one record and print its id as JSON."""
    identity = Identity.model_validate(json.loads(RECORD))
    print(json.dumps({"identities": [identity.id]}))


if __name__ == "__main__":
    typer.run(check)
