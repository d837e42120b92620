"""Secret rule: no live secret is ever written into the inventory.

The scanning itself lives in nhiown.secretscan; the engine runs it over each
file's text, values and comments alike.
"""

from __future__ import annotations

from collections.abc import Iterator

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, rule


@rule("SEC001", "secret-in-inventory", Severity.ERROR, owasp="NHI2", retired_too=True,
      checks=False)
def secret_in_inventory(subject: Subject) -> Iterator[Hit]:
    """A value looks like a live secret.

    ## What it does
    Scans every inventory file, values and comments alike, for the formats of
    well-known secrets: AWS access keys, GitHub, GitLab and Slack tokens,
    private key blocks, Stripe, Google, OpenAI, npm and PyPI keys, JSON web
    tokens. The finding says where and what kind; it never repeats the secret.

    ## Why is this bad?
    The inventory is a git repository read by many people and CI systems; a
    secret committed there has leaked, even after it is deleted (OWASP NHI2).

    ## Example
    ```yaml
    credential:
      store: AKIAIOSFODNN7EXAMPLE
    ```

    ## Use instead
    Point at where the secret lives, never at its value, and rotate the secret
    that leaked:
    ```yaml
    credential:
      store: vault:secret/ci/billing
    ```
    """
    yield from ()


RULES = [secret_in_inventory]
