"""Recognisers: mentions of actors, people, sources, places, dates and quantities, each a pipeline component."""
