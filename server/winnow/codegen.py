"""Regenerates the Python gRPC stubs in `winnow/v1/` from `proto/winnow/v1/winnow.proto`.

The stubs are checked in so that `pip install` needs no code generation step; a test
regenerates them into a temporary folder and compares, so they cannot drift from the
`.proto`. Run `python -m winnow.codegen` after editing the `.proto`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grpc_tools import protoc

REPO = Path(__file__).resolve().parents[2]
PROTO_ROOT = REPO / "proto"
PROTO_FILES = ("winnow/v1/winnow.proto",)
STUB_ROOT = Path(__file__).resolve().parents[1]


def generate(out_dir: Path, proto_root: Path = PROTO_ROOT) -> list[Path]:
    """Writes the message, type-hint and service stubs under `out_dir`; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    import grpc_tools

    well_known = Path(grpc_tools.__file__).parent / "_proto"
    args = [
        "protoc",
        f"-I{proto_root}",
        f"-I{well_known}",
        f"--python_out={out_dir}",
        f"--pyi_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        *(str(proto_root / p) for p in PROTO_FILES),
    ]
    if protoc.main(args) != 0:
        raise RuntimeError(f"protoc failed: {' '.join(args)}")
    return sorted(
        out_dir / Path(p).parent / name
        for p in PROTO_FILES
        for name in (
            Path(p).stem + "_pb2.py",
            Path(p).stem + "_pb2.pyi",
            Path(p).stem + "_pb2_grpc.py",
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=STUB_ROOT, help="root folder for the stubs")
    args = parser.parse_args(argv)
    for path in generate(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
