"""Plugins for the lifecycle tests: one with two revisions (to be found
outdated) and one with a shortcode."""
