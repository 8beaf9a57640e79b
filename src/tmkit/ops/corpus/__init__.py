"""Corpus scale: validate, check, dedupe, score and count memories split into shards.

A corpus is many inputs (a directory, a glob, a list of files, gzip/zstd TMX,
Moses-style parallel text) opened one shard at a time through the format gateway.
Per-shard work runs on an engine (`engine`: in-process, or a Dask cluster) and the
results are combined exactly: what a single run over the unsplit file would give.
Work that must see units from several shards (tuid duplicates, consistency,
dedupe) is hash-partitioned by its key, so no worker ever holds the whole corpus.
"""
