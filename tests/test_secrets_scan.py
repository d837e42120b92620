"""Scanning only the lines that hold a needle finds what a full scan finds."""

from __future__ import annotations

import random
import re

from nhiown.secretscan import _GROUPS, _NEEDLES, _PATTERNS, redact_lines, scan

# The whole alternation, tried at every character: what the scan must equal.
FULL_SCAN = re.compile(
    "|".join(f"(?P<k{i}>{pattern})" for i, pattern in enumerate(_PATTERNS.values()))
)

SAMPLES = [
    "AKIAIOSFODNN7EXAMPLE",
    "ghp_" + "a" * 36,
    "github_pat_" + "B" * 60,
    "glpat-" + "x" * 20,
    "xoxb-1234567890-abc",
    "hooks.slack.com/services/T000/B000/XXXX",
    "-----BEGIN RSA PRIVATE KEY-----",
    "sk_live_" + "a" * 24,
    "AIza" + "b" * 35,
    "sk-proj-" + "a" * 20 + "T3BlbkFJ" + "c" * 20,
    "npm_" + "d" * 36,
    "pypi-AgEIcHlwaS5vcmc" + "e" * 50,
    "SG." + "f" * 22 + "." + "g" * 43,
    "AccountKey=" + "h" * 86 + "==",
    "eyJ" + "a" * 10 + ".eyJ" + "b" * 10 + "." + "c" * 10,
    "aws_secret_access_key=" + "Ab/+" * 10,
    "postgres://admin:S3cr3t@db.example.com",
    "sk-proj-" + "q" * 44,
    "SK" + "0123456789abcdef" * 2,
]
NOISE = ["a: ", "\n", " ", "x", "AKIA", "_", "eyJ", "\n  - ", "\r\n", "# "]


def test_every_sample_is_found() -> None:
    found = [list(scan(f"key: {sample}\n")) for sample in SAMPLES]
    assert all(len(matches) == 1 and matches[0].offset == 5 for matches in found)


def test_line_scan_equals_full_scan_on_mixed_text() -> None:
    rng = random.Random(6)
    for _ in range(300):
        text = "".join(
            rng.choice(SAMPLES) if rng.random() < 0.3 else rng.choice(NOISE)
            for _ in range(40)
        )
        matches = FULL_SCAN.finditer(text)
        full = [(m.start(), _GROUPS[m.lastgroup or ""]) for m in matches]
        assert [(m.offset, m.kind) for m in scan(text)] == full


def test_every_pattern_has_needles_it_always_contains() -> None:
    assert list(_NEEDLES) == list(_PATTERNS)
    for sample in SAMPLES:
        (match,) = scan(sample)
        assert any(needle in sample for needle in _NEEDLES[match.kind])


def test_redact_lines_keeps_every_line_and_its_indentation() -> None:
    text = (
        "a: AKIAIOSFODNN7EXAMPLE\r\n"
        "key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIEpAIBAAKCAQEA\n\n"
        "  -----END RSA PRIVATE KEY-----\nb: 1"
    )
    assert redact_lines(text) == (
        "a: <redacted secret>\r\n"
        "key: |\n  <redacted secret>\n  <redacted secret>\n\n"
        "  <redacted secret>\nb: 1"
    )
