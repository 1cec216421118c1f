"""Output renderers that turn a Markdown draft into other formats."""
