"""The YAML loader: YAML 1.2 scalars, positions, merges, and refusals."""

from __future__ import annotations

import time

import pytest

from nhiown.errors import YamlError
from nhiown.yamlload import LOADER_ENV, decode, load_yaml
from nhiown.yamltree import YMap, locate


@pytest.fixture(autouse=True, params=["ruamel", "default"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here runs on the ruamel.yaml path and on the default one."""
    if request.param == "ruamel":
        monkeypatch.setenv(LOADER_ENV, "ruamel")
    else:
        monkeypatch.delenv(LOADER_ENV, raising=False)


def test_yaml_1_2_scalars_keep_norway_and_dates_as_text() -> None:
    data = load_yaml("a: no\nb: on\nc: 2026-01-05\nd: 12\ne: ~\nf: true\ng: '7'\n", "f")
    assert data == {
        "a": "no", "b": "on", "c": "2026-01-05", "d": 12, "e": None, "f": True,
        "g": "7",
    }


def test_positions_of_keys_and_values_are_one_based() -> None:
    data = load_yaml("top:\n  - id: x\n    review: {next: 2026-01-01}\n", "f")
    assert locate(data, ("top", 0, "review", "next")) == (3, 20)
    assert data["top"][0].key_mark("review") == (3, 5)


def test_merge_keys_local_wins_then_first_source() -> None:
    text = "x-a: &a {k: 1, m: 1}\nx-b: &b {k: 2, n: 2}\nv:\n  <<: [*a, *b]\n  m: 9\n"
    merged = load_yaml(text, "f")["v"]
    assert merged == {"m": 9, "k": 1, "n": 2}
    assert merged.merged == {"k", "n"}
    assert merged.value_mark("k") == (1, 13)


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a: 1\nb: 2\na: 3\n", (3, 1), "duplicate key 'a'"),
        ("a:\n\tb: 1\n", (2, 1), "tab character"),
        ("a: !!python/object:os.system x\n", (1, 4), "tag !!python/object"),
        ("a: [1, 2\nb: 3\n", (2, 2), "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", (2, 1), "second YAML document"),
        ("a: *nothing\n", (1, 4), "names no anchor"),
        ("a:\n  <<: {k: 1}\n  <<: {m: 2}\n", (3, 3), "duplicate key '<<'"),
    ],
)
def test_refusals_name_the_place(text: str, where: tuple[int, int], words: str) -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml(text, "inv.yaml")
    assert (caught.value.line, caught.value.column) == where
    assert words in caught.value.message


def test_alias_bomb_stops_fast() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    started = time.perf_counter()
    with pytest.raises(YamlError, match="alias bomb"):
        load_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert time.perf_counter() - started < 5


def test_bom_and_crlf_are_fine() -> None:
    text = decode("\ufeffa: 1\r\nb:\r\n  c: x\r\n".encode(), "f")
    data = load_yaml(text, "f")
    assert data == {"a": 1, "b": {"c": "x"}}
    assert isinstance(data, YMap) and locate(data, ("b", "c")) == (3, 6)


def test_non_utf8_names_line_and_column() -> None:
    with pytest.raises(YamlError) as caught:
        decode(b"a: 1\nb: caf\xe9\n", "f")
    assert (caught.value.line, caught.value.column) == (2, 7)


def test_empty_document_is_none() -> None:
    assert load_yaml("# only a comment\n", "f") is None
