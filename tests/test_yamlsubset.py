"""The fast subset loader gives exactly what the ruamel.yaml path gives.

Every fixture inventory, every snippet below and a few hundred generated
documents go through both loaders; data, marks, end lines, merged keys and
the findings of `check` must be identical. Whatever the subset loader does not
prove it reads the same way (and every error) it must hand back.
"""

from __future__ import annotations

import math
import random
from pathlib import Path
from typing import Any

import pytest

from nhiown.errors import YamlError
from nhiown.yamlcore import expansion_budget
from nhiown.yamlload import LOADER_ENV, decode, load_ruamel, load_yaml
from nhiown.yamlsubset import _OUTSIDE, Unsupported, load_subset
from nhiown.yamltree import YMap, YSeq
from tests.conftest import run

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
INVENTORIES = [*sorted(FIXTURES.rglob("*.yaml")), ROOT / "inventory.example.yaml"]
RULE_FIXTURES = [
    *sorted(FIXTURES.glob("positive/*.yaml")),
    *sorted(FIXTURES.glob("negative/*.yaml")),
    ROOT / "inventory.example.yaml",
]


def _fixture_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def snapshot(node: Any) -> Any:
    """Everything a loader produced: values, types, marks, end lines, merges."""
    if isinstance(node, YMap):
        entries = [(repr(k), node.marks[k], snapshot(v)) for k, v in node.items()]
        merged = sorted(map(repr, node.merged))
        return ("map", node.mark, node.end_line, merged, entries)
    if isinstance(node, YSeq):
        items = [snapshot(v) for v in node]
        return ("seq", node.mark, node.end_line, list(node.marks), items)
    if isinstance(node, float) and math.isnan(node):
        return ("nan",)
    return (type(node).__name__, node)


def both(text: str) -> tuple[Any, Any]:
    """(ruamel's snapshot, the subset loader's), or the subset's Unsupported."""
    return snapshot(load_ruamel(text, "f")), snapshot(
        load_subset(text, expansion_budget(text))
    )


@pytest.mark.parametrize("path", INVENTORIES, ids=_fixture_id)
def test_every_fixture_loads_the_same_on_the_default_path(path: Path) -> None:
    text = decode(path.read_bytes(), path.name)
    assert snapshot(load_yaml(text, "f")) == snapshot(load_ruamel(text, "f"))


@pytest.mark.parametrize("path", RULE_FIXTURES, ids=_fixture_id)
def test_rule_fixtures_stay_inside_the_fast_subset(path: Path) -> None:
    # They are what real inventories look like; if the subset gave them up,
    # the fast path would no longer be tested by the rule suite.
    reference, fast = both(decode(path.read_bytes(), path.name))
    assert fast == reference


@pytest.mark.parametrize("path", INVENTORIES, ids=_fixture_id)
def test_every_fixture_gives_the_same_findings_on_both_paths(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LOADER_ENV, "ruamel")
    reference = run(path)
    monkeypatch.delenv(LOADER_ENV)
    assert run(path) == reference


SAME = [
    "a:\nb: 1\n",
    "a:   # c\nb: 1\n",
    "l:\n- \n- x\n-\n",
    "a:\n  - x\n  - y\nb: 2\n",
    "a:\n- x\n# c\n\nb: 1\n",
    "x:\n  y: 1\n\n# end\n",
    "a: 1",
    "a: 1\n  ",
    "a:",
    "# only a comment\n",
    "",
    "a: &x 5\nb: *x\n",
    "a: &x\n  k: 1\nb: *x\n",
    "a: &x\nb: 1\n",
    "x-a: &a {k: 1, m: 1}\nx-b: &b {k: 2, n: 2}\nv:\n  <<: [*a, *b]\n  m: 9\n",
    "x: &q {k: 1}\na: {<<: *q, k: 2}\n",
    "a: no\nb: on\nc: 2026-01-05\nd: 12\ne: ~\nf: true\ng: '7'\n",
    "a: 'it''s'\nb: \"q\"  # c\nc: 'x' \n",
    "a: b c  d  # x\nb: b#c\nc: http://x:80/y\n",
    "a: 0x1F\nb: 0o17\nc: 1.5e3\nd: .inf\ne: -.Inf\nf: .nan\ng: +12\nh: 1_000\n",
    "- a\n- b\n",
    "-\n  a: 1\n- b\n",
    "-   a: 1\n    b: 2\n- c: 3\n",
    "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
    "a: x\n  # c\nb: 1\n",
    "a: [x, \"y\", 'z', {k: v}, [1, 2]]\nb: {k: [1, 2], j: {x: y}}\n",
    "a: [Cost Management Reader, a:b, http://x]\n",
    "a: {}\nb: []\nc: [ x , y ] # c\n",
    "a: {last: 2026-09-01, by: g@example.com}   # c\n",
    "a: 1\r\nb:\r\n  c: x\r\n",
    "x: &a\n  - 1\ny: *a\nz: &b\n- 2\nw: *b\n",
    "a: &a b\nb: &a c\nc: *a\n",
    "  a: 1\n  b: 2\n",
    "a:\n\n  b: 1\n\n\n",
    "a: 1  \n# c",
    "- &x\n  a: 1\n- *x\n- &y 5\n- *y\n",
    "a: &x [1]\nb: &y {c: *x}\nd: [*x, *y]\n",
    "a: x\u00e9\nb: \"\u00e9\"\n",
]


@pytest.mark.parametrize("text", SAME)
def test_snippets_load_the_same(text: str) -> None:
    reference, fast = both(text)
    assert fast == reference


HANDED_BACK = [
    "a: 1\nb: 2\na: 3\n",  # duplicate key
    "a:\n\tb: 1\n",  # tab
    "a: b\tc\n",
    "a: !!python/object:os.system x\n",  # tags
    "a: !!str 1\n",
    "a: [1, 2\nb: 3\n",  # syntax errors
    "a: b: c\n",
    "a: 1\n---\nb: 2\n",  # documents
    "--- \na: 1\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: *nothing\n",  # aliases
    "a: &x1 [*x1]\n",
    "a: &x *y\n",
    "a: |\n  x\n",  # what the subset leaves to ruamel.yaml
    "a: >\n  x\n",
    "a: x\n  y\n",
    "a: \"x\\ny\"\n",
    "\"a\": 1\n",
    "? a\n: b\n",
    "- - a\n",
    "a: [1,\n  2]\n",
    "a: {x, b: 1}\n",
    "a: 1\rb: 2\n",
    "a: x\u2028y\n",
    "a: x\x85y\n",
    "1: a\ntrue: b\n",  # the same key twice, as YAML sees it
    "a: {b: 1, b: 2}\n",
    "<<: 1\n",
]


# Found by fuzzing the two loaders against each other: each is an error on the
# exact path that the fast one once accepted.
MERGE_ERRORS = [
    "<<: []\n<<: []",
    "a: {<<: [],<<: []}",
    "a: &l []\nv: {<<: *l,<<: *l}",
    "a: &l []\nv:\n  <<: []\n  <<: *l",
    "<<: a\n a:",
    "<<: x\n- a: 1\n",
    "- <<: x\n    a: 1\n",
    "b: 1\n<<: 5\n  a: 1\n",
    "k:\n  <<: ~\n  - a: 1\n",
]


@pytest.mark.parametrize("text", MERGE_ERRORS)
def test_bad_merges_are_the_exact_paths_errors(text: str) -> None:
    with pytest.raises(YamlError) as exact:
        load_ruamel(text, "f")
    with pytest.raises(YamlError) as default:
        load_yaml(text, "f")
    assert (default.value.message, default.value.line, default.value.column) == (
        exact.value.message, exact.value.line, exact.value.column
    )


@pytest.mark.parametrize("text", HANDED_BACK)
def test_what_the_subset_cannot_prove_goes_back(text: str) -> None:
    with pytest.raises(Unsupported):
        load_subset(text, expansion_budget(text))


def test_alias_bombs_go_back_to_the_budgeted_path() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    text = "\n".join(lines) + "\n"
    with pytest.raises(Unsupported):
        load_subset(text, expansion_budget(text))
    with pytest.raises(YamlError, match="alias bomb"):
        load_yaml(text, "bomb.yaml")


def test_forcing_the_subset_makes_a_file_outside_it_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(LOADER_ENV, "subset")
    with pytest.raises(YamlError, match="fast loader"):
        load_yaml("a: |\n  x\n", "f")
    monkeypatch.setenv(LOADER_ENV, "ruamel")
    assert load_yaml("a: |\n  x\n", "f") == {"a": "x\n"}


_SCALARS = [
    "x", "hello world", "1", "-3", "0x1f", "1.5", ".inf", "~", "null", "true",
    "False", "no", "2026-01-01", "a:b", "http://h:1/p", "'q'", "'it''s'", '"dq"',
    '""', "a#b", "x,y", "a b  c",
]


class _Documents:
    """Random but valid block documents: nesting, flow, anchors, comments."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.anchors: list[str] = []

    def scalar(self) -> str:
        if self.anchors and self.rng.random() < 0.1:
            return "*" + self.rng.choice(self.anchors)
        return self.rng.choice(_SCALARS)

    def flow(self, depth: int = 0) -> str:
        pick = self.rng.random()
        if depth > 2 or pick < 0.5:
            return self.scalar()
        if pick < 0.75:
            items = [self.flow(depth + 1) for _ in range(self.rng.randrange(4))]
            return "[" + ", ".join(items) + "]"
        keys = self.rng.sample(["a", "b", "c", "<<", "1"], self.rng.randrange(4))
        return "{" + ", ".join(f"{k}: {self.flow(depth + 1)}" for k in keys) + "}"

    def mapping(self, indent: int, depth: int, out: list[str], lead: str = "") -> None:
        keys = ["a", "b", "id", "x-y", "k.1", "<<", "2"]
        for number, key in enumerate(self.rng.sample(keys, self.rng.randrange(1, 5))):
            prefix = lead if number == 0 and lead else " " * indent
            anchor = ""
            if self.rng.random() < 0.15:
                anchor = f" &n{len(self.anchors)}"
            pick = self.rng.random()
            if pick < 0.55 or depth > 3:
                value = self.flow() if self.rng.random() < 0.4 else self.scalar()
                comment = " # c" if self.rng.random() < 0.2 else ""
                out.append(f"{prefix}{key}:{anchor} {value}{comment}")
            else:
                out.append(f"{prefix}{key}:{anchor}")
                if self.rng.random() < 0.15:
                    out.append(" " * self.rng.randrange(8) + "# comment")
                if self.rng.random() < 0.3:
                    self.sequence(indent, depth + 1, out)
                else:
                    self.mapping(indent + self.rng.choice([1, 2, 4]), depth + 1, out)
            if anchor:
                self.anchors.append(anchor[2:])

    def sequence(self, indent: int, depth: int, out: list[str]) -> None:
        for _ in range(self.rng.randrange(1, 4)):
            pick = self.rng.random()
            dash = " " * indent + "-" + " " * self.rng.choice([1, 1, 3])
            if pick < 0.4:
                out.append(dash + (self.flow() if pick < 0.15 else self.scalar()))
            elif pick < 0.5:
                out.append(" " * indent + "-")
            else:
                self.mapping(len(dash), depth + 1, out, lead=dash)

    def document(self) -> str:
        self.anchors.clear()
        out: list[str] = []
        self.mapping(0, 0, out)
        text = "\n".join(out) + self.rng.choice(["\n", "", "\n\n"])
        return text.replace("\n", "\r\n") if self.rng.random() < 0.2 else text


def test_generated_documents_load_the_same_or_go_back() -> None:
    documents = _Documents(seed=6)
    same = 0
    for _ in range(400):
        text = documents.document()
        try:
            fast = snapshot(load_subset(text, expansion_budget(text)))
        except Unsupported:
            continue
        assert fast == snapshot(load_ruamel(text, "f")), text
        same += 1
    assert same > 150, "the subset loader should take most valid documents"


def _printable_in_subset(code: int) -> bool:
    """The characters the fast loader reads itself: YAML's printable set
    without tab, carriage return, NEL, the line separators and the BOM."""
    return (
        code == 0x0A
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0x2027
        or 0x202A <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFEFE
        or 0xFF00 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def test_every_character_outside_the_subset_is_handed_back() -> None:
    wrong = [
        hex(code) for code in range(0x110000)
        if (_OUTSIDE.match(chr(code)) is None) != _printable_in_subset(code)
    ]
    assert wrong == []


def test_lines_read_before_keep_their_own_places_in_a_new_file() -> None:
    # The fast loader remembers how it read a line's text; the same text at
    # another line and indentation, in another file, must get its own marks.
    first = "a:\n  kind: bot\n  when: 2026-01-01\n"
    second = "# header\nlist:\n  - x: 1\n    kind: bot\n    when: 2026-01-01\n"
    for text in (first, second, first):
        exact, fast = both(text)
        assert fast == exact
