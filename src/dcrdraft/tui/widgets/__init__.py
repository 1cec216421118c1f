"""The drafting and review screens' widgets: data comes in as attributes, intent goes out as
messages; none of them reviews or drafts."""
