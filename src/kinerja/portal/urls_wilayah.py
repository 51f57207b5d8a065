"""Public addresses of the portal's wilayah sections (included by ``portal.urls`` under /publik/<pemda>/<pd>/)."""

urlpatterns: list = []
