"""Settings for the benchmark's server process only: the project's settings plus the floor view.

bench/skm.py starts `kinerja serve` with DJANGO_SETTINGS_MODULE=pengaturan_lantai (bench/ on the path).
The shipped URLconf never contains the floor view.
"""

from kinerja.settings import *  # noqa: F403

ROOT_URLCONF = "urls_lantai"
