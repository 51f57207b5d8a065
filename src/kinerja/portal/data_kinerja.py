"""Open-data datasets of the portal's kinerja sections (registered with ``portal.api.daftarkan``)."""
