"""Lossless in-place edits of one identity: the machinery behind ``review``,
``rotate`` and ``retire``.

The file is never round-tripped through a YAML dumper: the value to change is
found as an exact span of characters and new text is spliced in, so every
other byte stays as its author wrote it.
"""
