"""Client for the winnow gRPC service: a typed adapter over the stubs, and the ``winnow`` CLI.

The CLI (``winnow_client.cli``) is deliberately not imported here, so that
``python -m winnow_client.cli`` runs without a "found in sys.modules" warning.
"""

from winnow_client.client import DEFAULT_ADDRESS, WinnowClient, make_request
from winnow_client.errors import WinnowError
from winnow_client.formats import response_to_dict
from winnow_client.inputs import InputError, read_document
from winnow_client.roles import ROLE_NAMES, role_name

__all__ = [
    "DEFAULT_ADDRESS",
    "ROLE_NAMES",
    "InputError",
    "WinnowClient",
    "WinnowError",
    "make_request",
    "read_document",
    "response_to_dict",
    "role_name",
]
