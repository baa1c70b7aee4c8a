"""Per-request Django CPU time, query count and database time, as headers for the load driver."""

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

        # This thread's CPU time: the request's own work, whatever else the machine is doing.
        cpu_started = time.thread_time()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        response["X-Bench-CPU-ms"] = f"{(time.thread_time() - cpu_started) * 1000:.3f}"
        response["X-Bench-Queries"] = str(stats["queries"])
        response["X-Bench-DB-ms"] = f"{stats['db'] * 1000:.2f}"
        return response
