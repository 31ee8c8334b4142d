"""A separate process that views the home page concurrently, then exits.

Run by ``test_stats_processes.py``: each process builds the app on the same
database (and Redis), sends ``--threads`` x ``--views`` page views through
Flask's test client, and exits cleanly, so that the counts left in its
buffer are written by the ``atexit`` flush. With ``--crash-after`` it waits
that long instead and then kills itself with SIGKILL.
"""
from __future__ import annotations

import argparse
import os
import signal
import threading
import time

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--redis", default="")
    parser.add_argument("--prefix", default="")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--views", type=int, default=25)
    parser.add_argument("--crash-after", type=float, default=0.0)
    args = parser.parse_args()

    from cms import create_app

    config = {"SQLALCHEMY_DATABASE_URI": args.database, "SECRET_KEY": "test-secret", "SERVER_NAME": "portal.test",
              "REDIS_URL": args.redis or None, "STATS_REDIS_PREFIX": args.prefix}
    app = create_app(config)
    # Load the worker's cached state before the threads start (not a page view).
    app.test_client().get("/stats/counter.json", headers={"User-Agent": BROWSER_UA})
    failures = []

    def visitor(number: int) -> None:
        client = app.test_client()
        for _ in range(args.views):
            status = client.get("/", headers={"User-Agent": BROWSER_UA},
                                environ_base={"REMOTE_ADDR": f"198.51.100.{number}"}).status_code
            if status != 200:
                failures.append(status)

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{len(failures)} views failed: {failures[:5]}")
    if args.crash_after:
        time.sleep(args.crash_after)
        os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main()
