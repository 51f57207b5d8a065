"""Login page (with the sample's demo accounts when they exist)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.views import LoginView

from kinerja.core.akun import AKUN_DEMO


class MasukView(LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ada = set(
            get_user_model()
            .objects.filter(username__in=[a.username for a in AKUN_DEMO])
            .values_list("username", flat=True)
        )
        ctx["akun_demo"] = [a for a in AKUN_DEMO if a.username in ada]
        return ctx
