"""The container's health check: GET /health/live on this process, as the reverse proxy would send it (the first
public host name, HTTPS forwarded), so ALLOWED_HOSTS and the HTTPS redirect apply as in real traffic. Exit 0 when live.

Kept free of Django so a check costs milliseconds: `python -m loket.conf.healthcheck`.
"""

import os
import sys
import urllib.request


def main() -> int:
    host = (os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip() or "localhost").lstrip(".")
    port = os.environ.get("PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/health/live", headers={"Host": host, "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
