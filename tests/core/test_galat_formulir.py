"""Error summary of a refused form: every error at once, each linked to its field (WCAG 3.3.1)."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.template import Context, Template
from django.urls import reverse

from kinerja.core.galat_formulir import GalatFormulir


def _render(teks: str, **konteks) -> str:
    return Template("{% load kinerja %}" + teks).render(Context(konteks))


def test_a_dict_of_errors_keeps_its_fields_and_the_rest_belongs_to_the_whole_form():
    e = ValidationError(
        {"judul": ["Tulis pokok pengaduan (judul)."], NON_FIELD_ERRORS: ["Kode kiriman tidak sah."]}
    )
    g = GalatFormulir().tambah(e).tambah("Pilih unit yang diadukan.", "unit")
    assert len(g) == 3 and bool(g)
    assert [(x.medan, x.id_isian, x.id_pesan) for x in g] == [
        ("judul", "isian-judul", "galat-judul"),
        ("", "", ""),
        ("unit", "isian-unit", "galat-unit"),
    ]
    assert g.untuk("judul") == ["Tulis pokok pengaduan (judul)."] and g.untuk("isi") == []
    # The same message twice is listed once.
    assert len(g.tambah("Pilih unit yang diadukan.", "unit")) == 3
    assert not GalatFormulir()


def test_the_summary_links_each_error_and_the_field_points_at_its_own_message():
    g = GalatFormulir().tambah(ValidationError({"isi": ["Uraikan pengaduan paling sedikit 10 huruf."]}))
    g.tambah("Terlalu banyak pengaduan.")
    html = _render("{% ringkasan_galat galat %}", galat=g)
    assert 'role="alert"' in html and 'id="ringkasan-galat"' in html and 'tabindex="-1"' in html
    assert "Ada 2 hal yang perlu diperbaiki" in html
    assert '<li><a href="#isian-isi">Uraikan pengaduan paling sedikit 10 huruf.</a></li>' in html
    assert "<li>Terlalu banyak pengaduan.</li>" in html
    assert _render('<input{% atribut_galat galat "isi" %}>', galat=g) == (
        '<input aria-invalid="true" aria-describedby="galat-isi">'
    )
    # A field without an error keeps its own description and is not marked.
    assert (
        _render('<input{% atribut_galat galat "judul" "cara" %}>', galat=g)
        == '<input aria-describedby="cara">'
    )
    assert _render('{% pesan_galat galat "isi" %}', galat=g) == (
        '<span class="galat-medan" id="galat-isi">Uraikan pengaduan paling sedikit 10 huruf.</span>'
    )
    assert (
        _render('{% pesan_galat galat "judul" %}{% ringkasan_galat kosong %}', galat=g, kosong=None).strip()
        == ""
    )


@pytest.mark.django_db
def test_a_django_forms_errors_link_to_the_ids_django_gives_its_fields():
    from django.contrib.auth.forms import PasswordChangeForm
    from django.contrib.auth.models import User

    u = User.objects.create_user("uji-galat", password="sandi-lama-yang-panjang")
    form = PasswordChangeForm(u, {"old_password": "salah", "new_password1": "a", "new_password2": "b"})
    assert not form.is_valid()
    html = _render("{% with g=form|galat_form %}{% ringkasan_galat g %}{% endwith %}", form=form)
    assert 'href="#id_old_password"' in html and 'href="#id_new_password2"' in html


@pytest.mark.django_db
def test_an_empty_complaint_lists_every_problem_at_once_each_at_its_field(client, versi_sampel):
    url = reverse("pengaduan:kirim", args=[versi_sampel.pd_id])
    r = client.post(url, {"id": str(uuid.uuid4()), "unit": "", "kategori": "", "judul": "", "isi": "pendek"})
    teks = r.content.decode()
    assert r.status_code == 200
    tautan = re.findall(r'<li><a href="#(isian-[a-z]+)">', teks)
    assert tautan == ["isian-unit", "isian-kategori", "isian-judul", "isian-isi"]
    for medan in ("unit", "kategori", "judul", "isi"):
        assert f'id="isian-{medan}"' in teks
        assert re.search(
            rf'id="isian-{medan}"[^>]*aria-invalid="true" aria-describedby="galat-{medan}"', teks
        )
    assert ">pendek</textarea>" in teks  # what was typed stays


@pytest.mark.django_db
def test_a_wrong_login_is_announced_in_the_summary(client):
    r = client.post(reverse("login"), {"username": "camat", "password": "salah"})
    teks = r.content.decode()
    assert 'id="ringkasan-galat" role="alert"' in teks and "Ada 1 hal yang perlu diperbaiki" in teks
    assert 'value="camat"' in teks
