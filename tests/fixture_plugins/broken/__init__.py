"""Broken test plugins: the site must start and serve pages without them."""
