"""Public side: the JSON endpoint that keeps an open page's widget current."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from cms.plugin import client_key, limiter

from .counting import count_presence
from .queries import summary

bp = Blueprint("plugin_stats", __name__, template_folder="templates")


@bp.get("/counter.json")
@limiter.limit("120/minute", key_func=client_key)
def counter():
    """The widget's numbers; an open page fetches them at most once a minute."""
    count_presence(request)
    response = jsonify(summary().as_json())
    response.cache_control.no_store = True
    return response
