"""``python -m bench`` (``make bench``): every benchmark in turn, each in its
own process so that one's data and workers cannot skew the next."""
from __future__ import annotations

import subprocess
import sys

BENCHMARKS = ("news", "stats", "sipas", "uploads")


def main() -> int:
    failed = []
    for name in BENCHMARKS:
        print(f"\n== bench.{name}", flush=True)
        if subprocess.call([sys.executable, "-m", f"bench.{name}"]) != 0:
            failed.append(name)
    if failed:
        print(f"\nmissed their targets: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
