"""Lanu: children and youth welfare plans as data."""
