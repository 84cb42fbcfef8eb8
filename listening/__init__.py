"""Systemic problems found early: appeals from different people about one problem grouped
into clusters as they arrive, alerts to the body's controllers, an answer to a whole
cluster, proposals to change a rule, and the public "problem questions" pages."""
