"""Each user's inbox of what needs their action, and their reminder choices (``/kotak-masuk/``)."""

app_name = "pengingat"

urlpatterns: list = []
