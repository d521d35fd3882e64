from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ROLE_UNSPECIFIED: _ClassVar[Role]
    ARTICLE_BODY: _ClassVar[Role]
    NAVIGATION: _ClassVar[Role]
    RELATED_TEASER: _ClassVar[Role]
    DONATION_APPEAL: _ClassVar[Role]
    OTHER_BOILERPLATE: _ClassVar[Role]

class ContentType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONTENT_TYPE_UNSPECIFIED: _ClassVar[ContentType]
    CONTENT_TYPE_PLAIN_TEXT: _ClassVar[ContentType]
    CONTENT_TYPE_HTML: _ClassVar[ContentType]
    CONTENT_TYPE_AUTO: _ClassVar[ContentType]
ROLE_UNSPECIFIED: Role
ARTICLE_BODY: Role
NAVIGATION: Role
RELATED_TEASER: Role
DONATION_APPEAL: Role
OTHER_BOILERPLATE: Role
CONTENT_TYPE_UNSPECIFIED: ContentType
CONTENT_TYPE_PLAIN_TEXT: ContentType
CONTENT_TYPE_HTML: ContentType
CONTENT_TYPE_AUTO: ContentType

class ClassifyRequest(_message.Message):
    __slots__ = ("id", "text", "data", "content_type", "expected_languages")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    id: str
    text: str
    data: bytes
    content_type: ContentType
    expected_languages: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., text: _Optional[str] = ..., data: _Optional[bytes] = ..., content_type: _Optional[_Union[ContentType, str]] = ..., expected_languages: _Optional[_Iterable[str]] = ...) -> None: ...

class LanguageScore(_message.Message):
    __slots__ = ("language", "confidence")
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    language: str
    confidence: float
    def __init__(self, language: _Optional[str] = ..., confidence: _Optional[float] = ...) -> None: ...

class RoleScore(_message.Message):
    __slots__ = ("role", "score")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    role: Role
    score: float
    def __init__(self, role: _Optional[_Union[Role, str]] = ..., score: _Optional[float] = ...) -> None: ...

class Block(_message.Message):
    __slots__ = ("index", "text", "start", "end", "role", "role_confidence", "role_scores", "language", "language_confidence", "language_alternatives", "path")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ROLE_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    ROLE_SCORES_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_ALTERNATIVES_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    index: int
    text: str
    start: int
    end: int
    role: Role
    role_confidence: float
    role_scores: _containers.RepeatedCompositeFieldContainer[RoleScore]
    language: str
    language_confidence: float
    language_alternatives: _containers.RepeatedCompositeFieldContainer[LanguageScore]
    path: str
    def __init__(self, index: _Optional[int] = ..., text: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ..., role: _Optional[_Union[Role, str]] = ..., role_confidence: _Optional[float] = ..., role_scores: _Optional[_Iterable[_Union[RoleScore, _Mapping]]] = ..., language: _Optional[str] = ..., language_confidence: _Optional[float] = ..., language_alternatives: _Optional[_Iterable[_Union[LanguageScore, _Mapping]]] = ..., path: _Optional[str] = ...) -> None: ...

class ModelVersion(_message.Message):
    __slots__ = ("name", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    version: str
    def __init__(self, name: _Optional[str] = ..., version: _Optional[str] = ...) -> None: ...

class DocumentError(_message.Message):
    __slots__ = ("code", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: str
    message: str
    def __init__(self, code: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class ClassifyResponse(_message.Message):
    __slots__ = ("id", "language", "language_confidence", "text", "blocks", "article_text", "model_versions", "error", "content_type")
    ID_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    BLOCKS_FIELD_NUMBER: _ClassVar[int]
    ARTICLE_TEXT_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSIONS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    id: str
    language: str
    language_confidence: float
    text: str
    blocks: _containers.RepeatedCompositeFieldContainer[Block]
    article_text: str
    model_versions: _containers.RepeatedCompositeFieldContainer[ModelVersion]
    error: DocumentError
    content_type: ContentType
    def __init__(self, id: _Optional[str] = ..., language: _Optional[str] = ..., language_confidence: _Optional[float] = ..., text: _Optional[str] = ..., blocks: _Optional[_Iterable[_Union[Block, _Mapping]]] = ..., article_text: _Optional[str] = ..., model_versions: _Optional[_Iterable[_Union[ModelVersion, _Mapping]]] = ..., error: _Optional[_Union[DocumentError, _Mapping]] = ..., content_type: _Optional[_Union[ContentType, str]] = ...) -> None: ...

class DescribeRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RoleDescription(_message.Message):
    __slots__ = ("role", "description")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    role: Role
    description: str
    def __init__(self, role: _Optional[_Union[Role, str]] = ..., description: _Optional[str] = ...) -> None: ...

class Limits(_message.Message):
    __slots__ = ("max_document_bytes", "max_message_bytes", "max_blocks")
    MAX_DOCUMENT_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_MESSAGE_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_BLOCKS_FIELD_NUMBER: _ClassVar[int]
    max_document_bytes: int
    max_message_bytes: int
    max_blocks: int
    def __init__(self, max_document_bytes: _Optional[int] = ..., max_message_bytes: _Optional[int] = ..., max_blocks: _Optional[int] = ...) -> None: ...

class DescribeResponse(_message.Message):
    __slots__ = ("service_version", "model_versions", "roles", "supported_languages", "detectable_languages", "limits")
    SERVICE_VERSION_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSIONS_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    SUPPORTED_LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    DETECTABLE_LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    service_version: str
    model_versions: _containers.RepeatedCompositeFieldContainer[ModelVersion]
    roles: _containers.RepeatedCompositeFieldContainer[RoleDescription]
    supported_languages: _containers.RepeatedScalarFieldContainer[str]
    detectable_languages: _containers.RepeatedScalarFieldContainer[str]
    limits: Limits
    def __init__(self, service_version: _Optional[str] = ..., model_versions: _Optional[_Iterable[_Union[ModelVersion, _Mapping]]] = ..., roles: _Optional[_Iterable[_Union[RoleDescription, _Mapping]]] = ..., supported_languages: _Optional[_Iterable[str]] = ..., detectable_languages: _Optional[_Iterable[str]] = ..., limits: _Optional[_Union[Limits, _Mapping]] = ...) -> None: ...
