"""Input text that reads as an instruction to a model ("ignore previous instructions ...").

Kept apart from the grounding ``guard`` so that marking such text in a prompt does not load
the whole claims check before the first request goes out.
"""

from __future__ import annotations

import re

INJECTION_RE = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier|your|the|these|those) "
    r"(?:instructions|rules|prompts?|guidelines|directions)"
    r"|disregard (?:all |any )?(?:the )?(?:previous|prior|above|your|these) "
    r"|forget (?:all |any )?(?:your|previous|prior) (?:instructions|rules)"
    r"|you are (?:now )?(?:a|an|the) \w+ (?:model|assistant|judge)"
    r"|(?:mark|rate|score) (?:every|all|each)\w* (?:item|items|check)\w* (?:as )?pass"
    r"|(?:new|updated|override) instructions?:|system prompt|</?(?:document|inputs|risk)>"
    r"|as an ai (?:language )?model|(?:^|\b)(?:assistant|llm|model|ai)[,:] (?:write|say|state|report)\b",
    re.I,
)
"""Text addressed to a model rather than to a DCR reader."""
