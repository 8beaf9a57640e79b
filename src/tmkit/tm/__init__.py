"""Translation memories: the TranslationMemory protocol and its back ends."""
