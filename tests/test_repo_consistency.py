"""What the repo holds matches its sources: the stubs their .proto, the seeds and the guide ../shared."""
from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from conftest import REPO, SHARED
from winnow.codegen import STUB_ROOT, generate


def test_checked_in_stubs_match_the_proto(tmp_path):
    generated = generate(tmp_path, REPO / "proto")
    assert generated
    for path in generated:
        checked_in = STUB_ROOT / path.relative_to(tmp_path)
        assert checked_in.read_bytes() == path.read_bytes(), f"{checked_in} is stale: run python -m winnow.codegen"


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_seeds_are_a_copy_of_the_shared_seeds():
    ours, theirs = REPO / "seeds", SHARED / "seeds"
    assert _files(ours) == _files(theirs)
    match, mismatch, errors = filecmp.cmpfiles(ours, theirs, _files(theirs), shallow=False)
    assert not mismatch and not errors


def test_labeling_guide_is_a_copy_of_the_shared_one():
    assert (REPO / "docs" / "LABELING.md").read_text(encoding="utf-8") == (SHARED / "LABELING.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["lid.176.ftz", "roles.stage1.ftz", "roles.stage2.ftz"])
def test_models_ship_in_the_package(name):
    assert (REPO / "server" / "winnow" / "engine" / "models" / name).stat().st_size > 100_000
