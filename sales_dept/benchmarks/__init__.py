"""Developer benchmarks, run on a bench site by `scripts/benchmark NAME [SITE]` (not part of the app's UI)."""
