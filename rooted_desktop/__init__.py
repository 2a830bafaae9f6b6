"""Rooted Desktop: offline planning and coaching documentation for Rooted in Relationships."""
