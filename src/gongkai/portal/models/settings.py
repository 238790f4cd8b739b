"""The portal's site furniture that government websites must show (网站标识码, ICP 备案号, 公安备案号, 主办单位): a
Wagtail site setting, edited under 设置 › 网站信息, shown in every public page's footer (portal_tags.site_furniture).
"""

from __future__ import annotations

import re

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    host_organisation = models.CharField("主办单位", max_length=200, blank=True)
    organiser_contact = models.CharField(
        "联系方式", max_length=200, blank=True, help_text="如网站维护电话、邮箱"
    )
    site_code = models.CharField(
        "网站标识码", max_length=20, blank=True, help_text="政府网站标识码，如 1101000001"
    )
    icp_number = models.CharField("ICP 备案号", max_length=60, blank=True, help_text="如 京ICP备12345678号")
    police_number = models.CharField(
        "公安机关备案号", max_length=60, blank=True, help_text="如 京公网安备 11010202000001号"
    )

    panels = [
        FieldPanel("host_organisation"),
        FieldPanel("organiser_contact"),
        FieldPanel("site_code"),
        FieldPanel("icp_number"),
        FieldPanel("police_number"),
    ]

    class Meta:
        verbose_name = "网站信息"

    def police_record_code(self) -> str:
        """The digits of the 公安备案号, which the national registry's lookup link takes."""
        return "".join(re.findall(r"\d", self.police_number))
