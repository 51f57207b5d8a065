"""Open-data datasets of the portal's wilayah sections (registered with ``portal.api.daftarkan``)."""
