"""Glossary matching (source terms, target renderings) and the notes written from it."""
