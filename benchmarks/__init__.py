"""partycases benchmarks: run with ``python -m benchmarks`` (``--quick`` for small sizes)."""
