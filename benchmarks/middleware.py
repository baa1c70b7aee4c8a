"""Per-request query count and database time, sent back as headers for the load driver."""

import time

from django.db import connection


class QueryStats:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        stats = {"queries": 0, "db": 0.0}

        def count(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                stats["queries"] += 1
                stats["db"] += time.perf_counter() - started

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(stats["queries"])
        response["X-Bench-DB-ms"] = f"{stats['db'] * 1000:.2f}"
        response["X-Bench-App-ms"] = f"{(time.perf_counter() - started) * 1000:.2f}"
        return response
