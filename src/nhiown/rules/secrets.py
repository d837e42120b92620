"""Secret rule: no live secret is ever written into the inventory.

The patterns are the published formats of common providers' secrets. They are
kept here, rather than taken from detect-secrets, because importing that
package costs more than all of nhiown's other imports together, and `check`
runs in pre-commit on every commit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, rule

_PATTERNS: dict[str, str] = {
    "an AWS access key": r"\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b",
    "a GitHub token": r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b",
    "a GitHub fine-grained token": r"\bgithub_pat_[A-Za-z0-9_]{60,255}\b",
    "a GitLab token": r"\bgl(?:pat|dt|rt|ptt|cbt|oas)-[A-Za-z0-9_\-]{20,}",
    "a Slack token": r"\bxox[abposr]-[A-Za-z0-9-]{10,}",
    "a Slack webhook URL": r"hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/\w+",
    "a private key block": r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----",
    "a Stripe live key": r"\b(?:sk|rk)_live_[A-Za-z0-9]{20,}",
    "a Google API key": r"\bAIza[0-9A-Za-z_\-]{35}",
    "an OpenAI key": r"\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}",
    "an npm token": r"\bnpm_[A-Za-z0-9]{36}\b",
    "a PyPI token": r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}",
    "a SendGrid key": r"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b",
    "an Azure storage key": r"AccountKey=[A-Za-z0-9+/]{86}==",
    "a JSON web token": r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}",
}
# A literal that every match of some pattern above contains. Python's regex
# engine tries the whole alternation at every character, which costs seconds
# on a large inventory; finding these with str.find costs milliseconds, and
# only the lines that hold one are scanned. Add a needle with every pattern.
_NEEDLES = (
    "A3T", "AKIA", "ASIA", "ABIA", "ACCA",
    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
    "glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "gloas-",
    "xox", "hooks.slack.com/services/T", "-----BEGIN", "_live_", "AIza",
    "T3BlbkFJ", "npm_", "pypi-AgEIcHlwaS5vcmc", "SG.", "AccountKey=", "eyJ",
)
_GROUPS = {f"k{index}": kind for index, kind in enumerate(_PATTERNS)}
_SCANNER = re.compile(
    "|".join(f"(?P<k{i}>{pattern})" for i, pattern in enumerate(_PATTERNS.values()))
)


@dataclass(frozen=True)
class SecretMatch:
    """Where a secret starts in the text, and what kind it looks like."""

    offset: int
    kind: str


def scan(text: str) -> Iterator[SecretMatch]:
    """Every secret-looking match in ``text`` (values and comments alike).

    No pattern spans a line break, so scanning only the lines that hold a
    needle finds exactly what scanning the whole text would.
    """
    for start in _candidate_lines(text):
        end = text.find("\n", start)
        line = text[start:] if end == -1 else text[start:end]
        for match in _SCANNER.finditer(line):
            yield SecretMatch(start + match.start(), _GROUPS[match.lastgroup or ""])


def _candidate_lines(text: str) -> list[int]:
    """Offsets of the starts of the lines that contain a needle, in order."""
    starts = set()
    for needle in _NEEDLES:
        at = text.find(needle)
        while at != -1:
            line_start = text.rfind("\n", 0, at) + 1
            starts.add(line_start)
            end = text.find("\n", at)
            at = -1 if end == -1 else text.find(needle, end)
    return sorted(starts)


def redact(text: str) -> str:
    """``text`` with every secret-looking part replaced by a marker."""
    return _SCANNER.sub(lambda m: "<redacted secret>", text)


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
