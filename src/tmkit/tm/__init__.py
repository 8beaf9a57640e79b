"""Translation memories: the TranslationMemory protocol and its back ends.

`tmkit.tm.base` (the protocol), `tmkit.tm.memory` (in memory, from files),
`tmkit.tm.sqlite` and `tmkit.tm.postgres` (stored, shared; `tmkit.tm.sql` is
what they share, `tmkit.tm.index` their cached fuzzy index), and
`tmkit.tm.spec.open_tm`, which picks one from a ``--tm`` value.
"""
