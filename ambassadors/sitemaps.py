from django.contrib.sitemaps import Sitemap

from .models import Department


class DepartmentSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return Department.objects.active().order_by("name")
