"""File formats: the gateway (`tmkit.formats.io`) and one adapter module per format.

Adapters are imported lazily by the gateway the first time a file needs them.
"""
