"""What the infrastructure part lets people find in the header's search
(vuxportal/search.py): devices by asset tag or serial number, and for IT staff and
administrators students. Imported by plugins.py.

Students are personal data: the search page logs every student it shows through the
registry's ``shown_loggers`` (this app's ``metrics.students_shown``), as the student
pages do."""

from vuxportal.search import SearchKind, register

from .models import Device, Student


def _device_context(device) -> str:
    return " · ".join(
        str(part)
        for part in (device.serial_number, device.model, device.school, device.get_status_display())
        if part
    )


register(
    SearchKind(
        key="infrastructure.device",
        model=Device,
        queryset=lambda user: Device.objects.visible_to(user).select_related("model", "school"),
        code_fields=("asset_tag", "serial_number"),
        title=lambda device: device.asset_tag,
        context=_device_context,
        list_url_name="infrastructure:device_list",
        permission="infrastructure.view_devices",
        order=20,
    ),
    SearchKind(
        key="infrastructure.student",
        model=Student,
        queryset=lambda user: Student.objects.visible_to(user).select_related("school"),
        trigram_fields=("name",),
        code_fields=("reference",),
        context=lambda student: f"{student.reference} · {student.school}",
        list_url_name="infrastructure:student_list",
        permission="infrastructure.view_students",
        order=25,
    ),
)
