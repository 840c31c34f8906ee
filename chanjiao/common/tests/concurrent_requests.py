"""Several people send the same request at the same moment, each on a connection of their own.

For the PostgreSQL row-lock tests: a barrier releases the requests together, and each thread
closes its connection when done. Returns ``{username: (status code, JSON body)}``.
"""

import threading
from typing import Any

from django.db import connections
from rest_framework.test import APIClient


def post_at_once(users: list[Any], path: str) -> dict[str, tuple[int, dict]]:
    barrier = threading.Barrier(len(users), timeout=30)
    results: dict[str, tuple[int, dict]] = {}

    def post(user: Any) -> None:
        try:
            client = APIClient()
            client.force_login(user)
            barrier.wait()
            response = client.post(path)
            results[user.username] = (response.status_code, response.json())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
