"""Text processing: segmentation, document structure, normalisation, fuzzy matching."""
