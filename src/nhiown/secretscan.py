"""Secret patterns: find live-looking secrets in text, and mask them.

The patterns are the published formats of common providers' secrets. They are
kept here, rather than taken from detect-secrets, because importing that
package costs more than all of nhiown's other imports together, and `check`
runs in pre-commit on every commit.

This module depends on nothing else in nhiown, so that findings and errors can
mask secrets in their messages wherever they are made.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

_PATTERNS: dict[str, str] = {
    "an AWS access key": r"\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b",
    "a GitHub token": r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b",
    "a GitHub fine-grained token": r"\bgithub_pat_[A-Za-z0-9_]{60,255}\b",
    "a GitLab token": r"\bgl(?:pat|dt|rt|ptt|cbt|oas)-[A-Za-z0-9_\-]{20,}",
    "a Slack token": r"\bxox[abposr]-[A-Za-z0-9-]{10,}",
    "a Slack webhook URL":
        r"hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/\w+",
    # The whole block when its end is there, so that masking hides the body.
    "a private key block": r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
    r"(?:[\s\S]*?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----)?",
    "a Stripe live key": r"\b(?:sk|rk)_live_[A-Za-z0-9]{20,}",
    "a Google API key": r"\bAIza[0-9A-Za-z_\-]{35}",
    "an OpenAI key":
        r"\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}",
    "an npm token": r"\bnpm_[A-Za-z0-9]{36}\b",
    "a PyPI token": r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}",
    "a SendGrid key": r"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b",
    "an Azure storage key": r"AccountKey=[A-Za-z0-9+/]{20,}={0,2}",
    "an AWS secret access key": r"(?:aws|AWS)_(?:secret|SECRET)_(?:access_|ACCESS_)?"
    r"(?:key|KEY)[\"']?[ \t]*[=:][ \t]*[\"']?[A-Za-z0-9/+]{30,}",
    "a password in a URL": r"\b[a-z][a-z0-9+.-]{1,20}://[^\s/:@'\"]+:[^\s/@'\"]+@",
    "an OpenAI project key": r"\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,}",
    "a Twilio API key": r"\bSK[0-9a-f]{32}\b",
    "a JSON web token":
        r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}",
}
_NEEDLES: dict[str, tuple[str, ...]] = {
    "an AWS access key": ("A3T", "AKIA", "ASIA", "ABIA", "ACCA"),
    "a GitHub token": ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    "a GitHub fine-grained token": ("github_pat_",),
    "a GitLab token": ("glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "gloas-"),
    "a Slack token": ("xox",),
    "a Slack webhook URL": ("hooks.slack.com/services/T",),
    "a private key block": ("-----BEGIN",),
    "a Stripe live key": ("_live_",),
    "a Google API key": ("AIza",),
    "an OpenAI key": ("T3BlbkFJ",),
    "an npm token": ("npm_",),
    "a PyPI token": ("pypi-AgEIcHlwaS5vcmc",),
    "a SendGrid key": ("SG.",),
    "an Azure storage key": ("AccountKey=",),
    "an AWS secret access key": ("aws_secret_", "AWS_SECRET_"),
    "a password in a URL": ("://",),
    "an OpenAI project key": ("sk-proj-", "sk-svcacct-", "sk-admin-"),
    "a Twilio API key": ("SK",),
    "a JSON web token": ("eyJ",),
}
"""Literals that every match of a pattern contains.

Python's regex engine tries the whole alternation at every character, which
costs seconds on a large inventory; str.find costs milliseconds. The scan runs
a pattern only on the lines that hold one of its needles. Every pattern needs
its needles here.
"""
_GROUPS = {f"k{index}": kind for index, kind in enumerate(_PATTERNS)}
_EVERY_KIND = frozenset(_PATTERNS)


@dataclass(frozen=True)
class SecretMatch:
    """Where a secret starts in the text, and what kind it looks like."""

    offset: int
    kind: str


def scan(text: str) -> Iterator[SecretMatch]:
    """Every secret-looking match in ``text`` (values and comments alike).

    A match starts on a line that holds one of its pattern's needles, so
    scanning only those lines finds what scanning the whole text would.
    """
    wanted: dict[int, set[str]] = {}
    for kind, needles in _NEEDLES.items():
        for needle in needles:
            for line_start in _lines_holding(text, needle):
                wanted.setdefault(line_start, set()).add(kind)
    for start in sorted(wanted):
        end = text.find("\n", start)
        line = text[start:] if end == -1 else text[start:end]
        yield from _first_matches(line, start, wanted[start])


def _lines_holding(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at != -1:
        yield text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        at = -1 if end == -1 else text.find(needle, end)


@functools.cache
def _scanner_for(kinds: frozenset[str]) -> re.Pattern[str]:
    """The alternation of just these patterns, in their usual order.

    On a line that holds no needle of the others, it matches exactly what the
    whole alternation would.
    """
    return re.compile("|".join(
        f"(?P<k{index}>{pattern})"
        for index, (kind, pattern) in enumerate(_PATTERNS.items())
        if kind in kinds
    ))


def _first_matches(line: str, offset: int, kinds: set[str]) -> Iterator[SecretMatch]:
    for match in _scanner_for(frozenset(kinds)).finditer(line):
        yield SecretMatch(offset + match.start(), _GROUPS[match.lastgroup or ""])


_ANY_NEEDLE = re.compile(
    "|".join(re.escape(n) for n in sorted({n for ns in _NEEDLES.values() for n in ns}))
)
"""A text without any needle holds no secret; finding that out is 20x cheaper
than running the patterns, and every finding's message asks."""


MARKER = "<redacted secret>"
_LINE_TEXT = re.compile(r"\S[^\r\n]*")  # a line but its indentation


def redact(text: str) -> str:
    """``text`` with every secret-looking part replaced by a marker."""
    if _ANY_NEEDLE.search(text) is None:
        return text
    return _scanner_for(_EVERY_KIND).sub(lambda m: MARKER, text)


def redact_lines(text: str) -> str:
    """``redact``, keeping every line: a secret that spans lines (a private key
    block) leaves a marker on each of them, after the line's indentation.

    Line numbers stay those of the original, so a diff of two masked texts
    has the hunks of the diff of the originals, and shows no key body.
    """
    if _ANY_NEEDLE.search(text) is None:
        return text
    return _scanner_for(_EVERY_KIND).sub(
        lambda m: _LINE_TEXT.sub(MARKER, m.group()), text
    )


# C0 and C1 control characters: an escape sequence from the inventory must not
# drive the terminal or break a CSV row or a calendar line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@functools.lru_cache(maxsize=1 << 16)
def printable(text: str) -> str:
    """Text from the inventory as it may be shown anywhere: secrets masked,
    control characters (newlines and tabs too) written as ``\\xNN`` escapes.

    Cached: every finding passes its message and identity through here, and
    on a large inventory the same texts come back thousands of times.
    """
    text = redact(text)
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
