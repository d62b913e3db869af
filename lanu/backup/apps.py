from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "lanu.backup"
    verbose_name = "Backup"
