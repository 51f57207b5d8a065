"""Bappeda's view of every PD of a pemda, and the second approval level (``/kota/``)."""

app_name = "kota"

urlpatterns: list = []
