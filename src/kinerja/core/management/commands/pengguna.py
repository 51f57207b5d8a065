"""kinerja pengguna: create a user or set a password."""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Buat pengguna atau ganti kata sandinya. Kata sandi ditanyakan bila tidak diberikan."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--admin",
            action="store_true",
            help="jadikan administrator (superuser, akses halaman admin); pemberian ini dicatat di audit",
        )
        parser.add_argument("--nama", default="", help="nama lengkap")
        parser.add_argument(
            "--sandi",
            help="kata sandi (tidak disarankan: tersimpan di riwayat shell); atau variabel lingkungan KINERJA_SANDI",
        )

    def handle(self, *args, **opsi):
        User = get_user_model()
        user, baru = User.objects.get_or_create(username=opsi["username"])
        sandi = opsi["sandi"] or os.environ.get("KINERJA_SANDI") or getpass.getpass("Kata sandi: ")
        try:
            validate_password(sandi, user)
        except ValidationError as e:
            if baru:
                user.delete()
            raise CommandError("Kata sandi ditolak: " + " ".join(e.messages)) from e
        user.set_password(sandi)
        if opsi["nama"]:
            user.first_name = opsi["nama"]
        if opsi["admin"]:
            user.is_staff = user.is_superuser = True
        user.save()
        self.stdout.write(f"Pengguna '{user.username}' {'dibuat' if baru else 'diperbarui'}.")
