from django.contrib.admin.apps import AdminConfig


class TrellisAdminConfig(AdminConfig):
    default_site = "config.admin_site.TrellisAdminSite"
