"""Django's /admin/ is for superusers only: a staff account that is not one is refused in Indonesian."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_staff_account_that_is_not_a_superuser_cannot_open_the_admin_site(client):
    staf = get_user_model().objects.create_user("staf", is_staff=True)
    client.force_login(staf)
    for url in ("/admin/", reverse("admin:auth_user_changelist"), reverse("admin:core_peran_changelist")):
        r = client.get(url, follow=True)
        assert r.status_code == 403, url
        isi = r.content.decode()
        assert '<html lang="id"' in isi and "administrator sistem" in isi and 'href="/"' in isi


def test_the_pemda_administrator_cannot_open_it_either(client, versi_sampel):
    client.force_login(get_user_model().objects.get(username="admin-kota"))
    assert client.get("/admin/", follow=True).status_code == 403


def test_a_superuser_opens_it(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    assert client.get("/admin/").status_code == 200
