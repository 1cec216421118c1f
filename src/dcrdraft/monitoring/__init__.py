"""Monitoring as code: a DCR's monitoring signals and automatic rollback triggers as alert
rules (``plan.alert_plan``) and as a Prometheus rules file (``prometheus.render_rules``), plus
the reading of conditions (``reading``) and windows (``windows``) the reviewer shares.

Nothing is imported here, so the reviewer can use ``reading`` without loading the inputs model.
"""
