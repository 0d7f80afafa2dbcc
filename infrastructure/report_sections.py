"""The infrastructure app's chapter of the board report (vuxportal/report_sections.py): the key
figures of the metrics it registers, for the organisation and per school. Registered in
``plugins.py``; a table of the part's own goes into ``tables``."""

from django.utils.translation import gettext_lazy as _

from vuxportal.report_sections import part_section

# Part 4 of the plan (goals.models.PlanPart), named as the plan names it.
PLAN_PART = 4

SECTION = part_section(
    app_label="infrastructure", part=PLAN_PART, title=_("Infrastructure and digital tools")
)
