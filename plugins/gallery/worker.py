"""Making renditions off the request path.

An upload request checks the file, stores the original and returns; a small
pool of threads in the same process then makes the renditions (a large photo
takes a second or more), so a batch of twenty large photos never holds a
request long. Until its renditions exist a photo is *pending* and pages show
a placeholder in its place.

A job lost with its process (a restart mid-batch) is picked up again: the
album's admin page requeues photos left pending for long, and
``flask --app wsgi cms gallery process`` handles whatever is left.

Configuration (instance ``config.py``): ``GALLERY_WORKERS`` (threads per
process, default 2) and ``GALLERY_INLINE_PROCESSING`` (make renditions inside
the request instead, for setups that forbid threads).
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Iterable

from flask import Flask, current_app

from cms.plugin import db

log = logging.getLogger(__name__)
DEFAULT_WORKERS = 2
_create_lock = threading.Lock()


class Processor:
    """A thread pool bound to one app; lives in ``app.extensions``."""

    def __init__(self, app: Flask, workers: int) -> None:
        self.app = app
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gallery")
        self.futures: set[Future] = set()
        self.in_flight: set[int] = set()
        self.lock = threading.Lock()

    def submit(self, photo_id: int) -> None:
        with self.lock:
            if photo_id in self.in_flight:
                return
            self.in_flight.add(photo_id)
            future = self.pool.submit(self._run, photo_id)
            self.futures.add(future)
        future.add_done_callback(lambda done: self._forget(done, photo_id))

    def _forget(self, future: Future, photo_id: int) -> None:
        with self.lock:
            self.futures.discard(future)
            self.in_flight.discard(photo_id)

    def _run(self, photo_id: int) -> None:
        from .services import process_photo

        with self.app.app_context():
            try:
                process_photo(photo_id)
            except Exception:
                log.exception("gallery: processing photo %s failed", photo_id)
            finally:
                db.session.remove()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every queued job is done; ``False`` on timeout."""
        with self.lock:
            futures = set(self.futures)
        done, not_done = wait(futures, timeout=timeout)
        return not not_done


def processor(app: Flask | None = None) -> Processor:
    app = app or current_app._get_current_object()
    with _create_lock:
        found = app.extensions.get("gallery_processor")
        if found is None:
            workers = int(app.config.get("GALLERY_WORKERS", DEFAULT_WORKERS))
            found = app.extensions["gallery_processor"] = Processor(app, workers)
    return found


def queue(photo_ids: Iterable[int]) -> None:
    """Make the renditions of these photos, now or in the background.

    Call after the photos are committed: the worker reads them from the database.
    """
    from .services import process_photo

    if current_app.config.get("GALLERY_INLINE_PROCESSING"):
        for photo_id in photo_ids:
            process_photo(photo_id)
        return
    pool = processor()
    for photo_id in photo_ids:
        pool.submit(photo_id)


def wait_for_processing(app: Flask, timeout: float = 60) -> bool:
    """Wait for the app's background jobs; ``False`` if some are still running."""
    found = app.extensions.get("gallery_processor")
    return True if found is None else found.wait(timeout)


def shutdown(app: Flask) -> None:
    """Finish the queued jobs and stop the app's threads (tests call it)."""
    found = app.extensions.pop("gallery_processor", None)
    if found is not None:
        found.pool.shutdown(wait=True)
