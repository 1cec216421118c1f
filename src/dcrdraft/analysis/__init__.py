"""Everything a draft states that is computed rather than typed: statistics, the computed
``Analysis`` of an inputs file, its gaps, chart data, the figures a draft may state
(grounding) and per-section completeness.

May import ``inputs`` and the base modules; never a renderer, the reviewer or a front end.
"""
