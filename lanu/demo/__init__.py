"""The demo: the seed plans, their rounds and demo people (`python -m lanu load-demo`).

It ties the apps together, so it sits at the top beside the site (docs/architecture.md).
"""
