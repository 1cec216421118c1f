"""The author's inputs: the pydantic model of one system's inputs file, its value types, the
located-error loader, round-trip YAML editing, the ``init`` starter and content-bound sign-offs.

May import only the base modules (``errors``, ``io``, ``clock``, ``paths``, ``figures``).
"""
