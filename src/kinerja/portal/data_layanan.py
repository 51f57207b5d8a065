"""Open-data datasets of the portal's layanan sections (registered with ``portal.api.daftarkan``)."""
