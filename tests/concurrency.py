"""Requests sent at the same moment, each on its own database connection."""

import threading

from django.db import connection


def at_once(*requests):
    """Send each (client, url, data) at the same moment; return responses or exceptions."""
    barrier = threading.Barrier(len(requests))
    outcomes = [None] * len(requests)

    def send(index, client, url, data):
        try:
            barrier.wait()
            outcomes[index] = client.post(url, data)
        except Exception as error:  # a 500 raises in the test client
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(index, *request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a request did not finish in 30 s"
    return outcomes
