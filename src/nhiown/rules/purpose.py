"""Purpose rule: every identity says what it is for."""

from __future__ import annotations

from collections.abc import Iterator

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, is_blank, rule


@rule("PUR001", "purpose-missing", Severity.ERROR, owasp="NHI9")
def purpose_missing(subject: Subject) -> Iterator[Hit]:
    """The identity does not say what it is for or which workflow uses it.

    ## What it does
    Requires a non-empty `purpose` (one sentence) and `workflow` (the process
    or pipeline that uses the identity).

    ## Why is this bad?
    Without a purpose nobody can tell whether the identity is still needed, and
    an identity tied to no workflow gets reused for new ones (OWASP NHI9).

    ## Example
    ```yaml
    - id: billing-deployer
      purpose: ""
    ```

    ## Use instead
    ```yaml
    - id: billing-deployer
      purpose: Deploys the billing service on merge to main
      workflow: billing-release
    ```
    """
    for key in ("purpose", "workflow"):
        if is_blank(getattr(subject.identity, key)):
            yield Hit((key,), f"no {key}")


RULES = [purpose_missing]
