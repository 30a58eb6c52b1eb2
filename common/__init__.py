"""Plumbing shared by the processes: for the backend and the gateway, logging with request
ids, the latency middleware of ``/metrics`` and the JSON nesting guard; for every process
(the action server too), the reader of ``KEY=value`` files. It imports none of them
(tests/test_layers.py)."""
