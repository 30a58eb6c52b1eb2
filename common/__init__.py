"""HTTP plumbing shared by the two processes of the app environment, the backend and the
gateway: logging with request ids, the latency middleware of ``/metrics`` and the JSON
nesting guard. It imports neither ``backend`` nor ``channels`` (tests/test_layers.py)."""
