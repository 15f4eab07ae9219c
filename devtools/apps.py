from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """
    Tools for developers and operators, apart from the apps readers' requests run
    through: `generate_bench_data`, `bench`, `loadtest` and `audit`. Nothing here is
    imported by a page; it may import every app.
    """

    name = "devtools"
    verbose_name = "Developer tools"
