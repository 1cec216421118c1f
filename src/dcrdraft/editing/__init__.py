"""What an interactive editor edits through: a session on one inputs file (validate, save
round-trip), its recovery journal, the live re-review of the draft and the merge of LLM
suggestions into typed fields.

Sits above drafting and review (a live score drafts and reviews); only front ends import it.
"""
