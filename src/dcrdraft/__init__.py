"""dcrdraft: draft and review Deployment Clearance Reports for AI systems."""

from __future__ import annotations

__version__ = "0.1.0"
