"""Scope rules: least privilege, stated explicitly."""

from __future__ import annotations

from collections.abc import Iterator
from fnmatch import fnmatchcase
from functools import lru_cache

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, rule

_WILDCARDS = ("*", "?", "[")


def is_privileged(scope: str, privileged: list[str]) -> str | None:
    """The privileged pattern ``scope`` matches, if any.

    A scope matches a pattern when it is that pattern, when the pattern (a glob
    with a literal prefix, such as ``iam:*``) matches it, or when the scope is
    itself a glob that covers the pattern (``adm*`` grants ``admin``).
    Patterns that start with a wildcard (``*``, ``*:*``) match only literally:
    as globs they would call every scope privileged.
    """
    return _privileged_match(scope, tuple(privileged))


# Scopes repeat across identities; glob matching each anew cost a tenth of a
# large check.
@lru_cache(maxsize=8192)
def _privileged_match(scope: str, privileged: tuple[str, ...]) -> str | None:
    for pattern in privileged:
        if scope == pattern or fnmatchcase(pattern, scope):
            return pattern
        if not pattern.startswith(_WILDCARDS) and fnmatchcase(scope, pattern):
            return pattern
    return None


@rule("SCP001", "privileged-scope", Severity.ERROR, owasp="NHI5")
def privileged_scope(subject: Subject) -> Iterator[Hit]:
    """The identity holds a privileged or wildcard scope.

    ## What it does
    Fires for each scope that matches `policy.privileged_scopes` (by default
    `*`, `admin`, `owner`, `root`, `*:*`, `write:org`, `iam:*`): the scope is
    that entry, a glob entry such as `iam:*` matches it (`iam:PassRole`), or the
    scope is a wildcard that covers an entry (`*`, `adm*`).

    ## Why is this bad?
    A machine identity with admin rights turns any leak of its secret into a
    full compromise (OWASP NHI5, overprivileged NHI).

    ## Example
    ```yaml
    scopes: ["*"]
    ```

    ## Use instead
    ```yaml
    scopes: [repo:read, deployments:write]
    ```
    If the platform offers nothing narrower, record an approved exception.
    """
    privileged = subject.policy.privileged_scopes
    for index, scope in enumerate(subject.identity.scopes or []):
        pattern = is_privileged(scope, privileged)
        if pattern is None:
            continue
        how = "" if pattern == scope else f" (matches {pattern!r})"
        yield Hit(("scopes", index), f"privileged scope {scope!r}{how}")


@rule("SCP002", "too-many-scopes", Severity.WARNING, owasp="NHI5")
def too_many_scopes(subject: Subject) -> Iterator[Hit]:
    """The identity holds more scopes than `policy.max_scopes`.

    ## What it does
    Fires when the number of `scopes` exceeds `policy.max_scopes` (10 by
    default).

    ## Why is this bad?
    A long scope list usually means one identity serves several workflows;
    each should have its own, narrower identity (OWASP NHI5).

    ## Example
    ```yaml
    scopes: [a:read, b:read, c:read, d:read, e:read, f:read, g:read, h:read,
             i:read, j:read, k:write]
    ```

    ## Use instead
    Split the identity per workflow, each with the few scopes it needs.
    """
    scopes = subject.identity.scopes or []
    limit = subject.policy.max_scopes
    if len(scopes) > limit:
        yield Hit(("scopes",), f"{len(scopes)} scopes, more than the {limit} allowed")


@rule("SCP003", "scope-missing", Severity.ERROR, owasp="NHI5")
def scope_missing(subject: Subject) -> Iterator[Hit]:
    """An active identity declares no scopes.

    ## What it does
    Requires a non-empty `scopes` list on every active identity.

    ## Why is this bad?
    Without declared scopes nobody can tell whether the identity holds least
    privilege, and reviews have nothing to compare against.

    ## Example
    ```yaml
    scopes: []
    ```

    ## Use instead
    ```yaml
    scopes: [storage.objects.get]
    ```
    """
    if not subject.identity.scopes:
        yield Hit(("scopes",), "no scopes declared")


RULES = [privileged_scope, too_many_scopes, scope_missing]
