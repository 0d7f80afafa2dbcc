"""The organisation app's chapter of the board report (vuxportal/report_sections.py): the key
figures of the metrics it registers, for the organisation and per school. Registered in
``plugins.py``; a table of the part's own goes into ``tables``."""

from django.utils.translation import gettext_lazy as _

from vuxportal.report_sections import part_section

# Part 3 of the plan (goals.models.PlanPart), named as the plan names it.
PLAN_PART = 3

SECTION = part_section(
    app_label="organisation", part=PLAN_PART, title=_("Organisation and responsibility")
)
