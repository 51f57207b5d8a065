"""Importing this module registers every open-data dataset (each section's module registers its own)."""

from kinerja.portal import data_kinerja, data_layanan, data_wilayah  # noqa: F401
