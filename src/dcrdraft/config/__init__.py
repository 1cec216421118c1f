"""Project configuration: discovering ``.dcrdraft.toml`` / ``[tool.dcrdraft]`` files
(``project``) and the pydantic schema they are validated against (``schema``, imported only
when a config file exists).

May import only the base modules.
"""
