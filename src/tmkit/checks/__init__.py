"""JA→EN QA checks: small registered functions yielding findings.

Importing this package registers every check family (one module each) in
`tmkit.checks.base.CHECKS`; `tmkit.checks.run` selects and runs them over units
(`tmkit.ops.check` reads the files).
"""

from tmkit.checks import (  # noqa: F401  (registration at import)
    codes,
    consistency,
    corpus,
    glossary,
    latin,
    length,
    numbers,
    pofilter,
    spelling,
    translation,
    typography,
)
from tmkit.checks.base import CHECKS, Check, CheckContext, Hit, check, iter_checks

__all__ = ["CHECKS", "Check", "CheckContext", "Hit", "check", "iter_checks"]
