"""The use cases behind the commands; the only layer that opens files (through formats.io)."""
