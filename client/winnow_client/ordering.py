"""Putting out-of-order stream responses back into input order.

``ClassifyStream`` answers in any order, but a user who passes files in some order expects
the output in that order. Responses are buffered by id and released as soon as the next
expected one has arrived, so output still streams instead of waiting for the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

R = TypeVar("R")


class StreamOrderError(Exception):
    """The responses do not match the requests one to one (a broken contract).

    Attributes:
        missing: the ids that never got a response, in input order.
    """

    def __init__(self, message: str, missing: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.missing = tuple(missing)


def _response_id(response: object) -> str:
    return response.id  # type: ignore[attr-defined]


def in_input_order(
    responses: Iterable[R],
    ids: Sequence[str],
    id_of: Callable[[R], str] = _response_id,
) -> Iterator[R]:
    """Yield ``responses`` in the order of ``ids``, each as early as possible.

    Raises :class:`StreamOrderError` for a response with an unknown or repeated id (it
    cannot be placed). If ``responses`` ends while some ids got no response, the buffered
    responses behind the gaps are still yielded (in order, so no finished work is lost)
    before :class:`StreamOrderError` names the missing ids.
    """
    position = {doc_id: i for i, doc_id in enumerate(ids)}
    if len(position) != len(ids):
        raise ValueError("ids must be unique")
    pending: dict[int, R] = {}
    seen: set[int] = set()
    next_index = 0
    for response in responses:
        doc_id = id_of(response)
        index = position.get(doc_id)
        if index is None:
            raise StreamOrderError(f"response for unknown id {doc_id!r}")
        if index in seen:
            raise StreamOrderError(f"second response for id {doc_id!r}")
        seen.add(index)
        pending[index] = response
        while next_index in pending:
            yield pending.pop(next_index)
            next_index += 1
    if next_index < len(ids):
        for index in sorted(pending):
            yield pending.pop(index)
        missing = [doc_id for i, doc_id in enumerate(ids) if i not in seen]
        raise StreamOrderError(
            f"no response for {len(missing)} of {len(ids)} documents", missing
        )
