from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Installed in development and tests only: `manage.py generate_appeals`."""

    name = "bench"
    verbose_name = "Benchmarks"
