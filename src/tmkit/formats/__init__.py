"""File formats. The only package that imports polib or lxml.

Importing this package registers every adapter in `registry.ADAPTERS`.
"""

from tmkit.formats import csvglossary as _csvglossary  # noqa: F401
from tmkit.formats import omegat as _omegat  # noqa: F401
from tmkit.formats import po as _po  # noqa: F401
from tmkit.formats import tbx as _tbx  # noqa: F401
from tmkit.formats import tmx as _tmx  # noqa: F401
from tmkit.formats.registry import ADAPTERS, Adapter, adapter_for, register

__all__ = ["ADAPTERS", "Adapter", "adapter_for", "register"]
