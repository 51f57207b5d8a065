"""Public addresses of the portal's kinerja sections (included by ``portal.urls`` under /publik/<pemda>/<pd>/)."""

urlpatterns: list = []
