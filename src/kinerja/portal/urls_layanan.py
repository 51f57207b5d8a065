"""Public addresses of the portal's layanan sections (included by ``portal.urls`` under /publik/<pemda>/<pd>/)."""

urlpatterns: list = []
