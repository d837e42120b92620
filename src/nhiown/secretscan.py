"""Secret patterns: find live-looking secrets in text, and mask them.

The patterns are the published formats of common providers' secrets. They are
kept here, rather than taken from detect-secrets, because importing that
package costs more than all of nhiown's other imports together, and `check`
runs in pre-commit on every commit.

This module depends on nothing else in nhiown, so that findings and errors can
mask secrets in their messages wherever they are made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_PATTERNS: dict[str, str] = {
    "an AWS access key": r"\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b",
    "a GitHub token": r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b",
    "a GitHub fine-grained token": r"\bgithub_pat_[A-Za-z0-9_]{60,255}\b",
    "a GitLab token": r"\bgl(?:pat|dt|rt|ptt|cbt|oas)-[A-Za-z0-9_\-]{20,}",
    "a Slack token": r"\bxox[abposr]-[A-Za-z0-9-]{10,}",
    "a Slack webhook URL": r"hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/\w+",
    # The whole block when its end is there, so that masking hides the body.
    "a private key block": r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
    r"(?:[\s\S]*?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----)?",
    "a Stripe live key": r"\b(?:sk|rk)_live_[A-Za-z0-9]{20,}",
    "a Google API key": r"\bAIza[0-9A-Za-z_\-]{35}",
    "an OpenAI key": r"\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}",
    "an npm token": r"\bnpm_[A-Za-z0-9]{36}\b",
    "a PyPI token": r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}",
    "a SendGrid key": r"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b",
    "an Azure storage key": r"AccountKey=[A-Za-z0-9+/]{20,}={0,2}",
    "an AWS secret access key": r"(?i:aws_?secret_?(?:access_?)?key)[\"']?\s*[=:]\s*"
    r"[\"']?[A-Za-z0-9/+]{30,}",
    "a password in a URL": r"\b[a-z][a-z0-9+.-]{1,20}://[^\s/:@'\"]+:[^\s/@'\"]+@",
    "an OpenAI project key": r"\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,}",
    "a Twilio API key": r"\bSK[0-9a-f]{32}\b",
    "a JSON web token": r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}",
}
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
    """Every secret-looking match in ``text`` (values and comments alike)."""
    for match in _SCANNER.finditer(text):
        yield SecretMatch(match.start(), _GROUPS[match.lastgroup or ""])


def redact(text: str) -> str:
    """``text`` with every secret-looking part replaced by a marker."""
    return _SCANNER.sub(lambda m: "<redacted secret>", text)


# C0 and C1 control characters: an escape sequence from the inventory must not
# drive the terminal or break a CSV row or a calendar line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text from the inventory as it may be shown anywhere: secrets masked,
    control characters (newlines and tabs too) written as ``\\xNN`` escapes."""
    text = redact(text)
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
