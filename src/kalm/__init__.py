"""Kalm: a self-hosted customer-care and complaint desk."""

__version__ = "0.1.0"
