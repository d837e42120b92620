"""Paths from the repository root, as CI tools resolve them."""

from __future__ import annotations

from pathlib import Path

from nhiown import repository


def test_root_is_the_nearest_folder_with_git(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "a" / "b").mkdir(parents=True)
    assert repository.root(tmp_path / "repo" / "a" / "b") == tmp_path / "repo"


def test_a_git_file_marks_a_worktree_root(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert repository.root(tmp_path / "sub") == tmp_path


def test_relative_paths_and_files_outside(tmp_path: Path) -> None:
    base = tmp_path / "repo"
    (base / "infra").mkdir(parents=True)
    assert repository.relative("x.yaml", base, base / "infra") == "infra/x.yaml"
    assert repository.relative("../x.yaml", base, base / "infra") == "x.yaml"
    assert repository.relative("../../x.yaml", base, base / "infra") is None


def test_repo_paths_fall_back_to_absolute_paths(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    paths = repository.repo_paths(["a.yaml", "../b.yaml"], tmp_path / "repo")
    outside = (tmp_path / "b.yaml").resolve().as_posix()
    assert paths == {"a.yaml": "a.yaml", "../b.yaml": outside}
