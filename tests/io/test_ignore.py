"""kit.io.ignore: the .kitignore rules for folders given to kit.load."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.io.ignore import Ignorer


@pytest.mark.parametrize(
    ("rules", "path", "ignored"),
    [
        ("/*\n!/articles/\n", "actors.csv", True),
        ("/*\n!/articles/\n", "articles/a.txt", False),
        ("/*\n!/articles/\n", "articles/deep/b.txt", False),
        ("/*\n!/articles/\n", "other/b.txt", True),
        ("*.csv", "a.csv", True),
        ("*.csv", "sub/a.csv", True),
        ("/*.csv", "sub/a.csv", False),
        ("drafts/", "drafts/a.txt", True),
        ("drafts/", "drafts", False),  # a file named drafts is not a folder
        ("**/tmp/*.txt", "x/y/tmp/a.txt", True),
        ("a?.txt", "ab.txt", True),
        ("a?.txt", "abc.txt", False),
        ("# comment\n\n*.md\n!README.md", "README.md", False),
        ("# comment\n\n*.md\n!README.md", "notes.md", True),
        ("", "a.txt", False),
    ],
)
def test_rules(rules: str, path: str, ignored: bool) -> None:
    ig = Ignorer()
    ig.add(Path("."), rules)
    assert ig.ignored(path) is ignored


def test_nested_file_applies_below_its_folder() -> None:
    ig = Ignorer()
    ig.add(Path("sub"), "/*.csv\n")
    assert ig.ignored("sub/a.csv")
    assert not ig.ignored("a.csv")
    assert not ig.ignored("sub/deeper/a.csv")
