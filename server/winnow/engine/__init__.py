"""The classification engine: plain Python, no gRPC.

`Engine.classify(text)`, `Engine.classify_html(page)` and `Engine.classify_document(doc)`
run the pipeline of `pipeline.py`; the server and the evaluation both call it, so what is
measured is what is served.
"""
from winnow.engine.blocks import ROLES, Block, Classification
from winnow.engine.pipeline import Engine

__all__ = ["ROLES", "Block", "Classification", "Engine"]
