"""Role names as the labeling guide spells them.

The proto's ``Role`` enum names *are* the guide's names (unprefixed on purpose), so the
client derives its names from the generated enum instead of keeping a second list that
could drift from the contract.
"""

from __future__ import annotations

from winnow.v1 import winnow_pb2

#: The five roles a block can have, in enum order (``ROLE_UNSPECIFIED`` is not a role).
ROLE_NAMES: tuple[str, ...] = tuple(
    name for name in winnow_pb2.Role.keys() if name != "ROLE_UNSPECIFIED"
)


def role_name(role: int) -> str:
    """Return the guide's name of ``role``.

    A newer server may send a role this client's stubs do not know yet (proto3 enums are
    open); rather than failing the whole document, such a role is shown as ``ROLE_<n>``.
    """
    try:
        return winnow_pb2.Role.Name(role)
    except ValueError:
        return f"ROLE_{int(role)}"
