"""Every infrastructure URL in the permission matrix (tests/matrix.py).

IT staff work at school A: school B's devices, students, loans, audits and repairs are
out of scope (404). Teachers and other staff never reach anything about students (403).
"""

import pytest

from tests.matrix import Case, api, expect

IT = ("it_staff", "administrator")
READERS = ("it_staff", "administrator", "school_leader")
B_IT = {"not_found": ("it_staff",)}


def _device(school: str, tag: str, *, bulk: bool = False):
    """A device's body for ``school`` (a fixture name)."""

    def data(fixture):
        row = {
            "asset_tag": tag,
            "serial_number": f"SN-{tag}",
            "model": fixture("device_model").pk,
            "school": fixture(school).pk,
        }
        return [row] if bulk else row

    return data


CASES = [
    # The part's start page, for whoever has a page of the part; teachers and other staff
    # have none, so the part is neither in their menu nor open to them (403).
    Case("infrastructure:start", expect(READERS), setup=("device_a", "device_b")),
    # Devices
    Case("infrastructure:device_list", expect(READERS), setup=("device_a", "device_b")),
    Case("infrastructure:device_export", expect(READERS), setup=("device_a",)),
    Case("infrastructure:device_create", expect(IT)),
    Case("infrastructure:device_import", expect(IT)),
    Case("infrastructure:device_detail", expect(READERS), args=("device_a",)),
    Case(
        "infrastructure:device_detail",
        expect(["administrator"], not_found=("it_staff", "school_leader")),
        args=("device_b",),
    ),
    Case("infrastructure:device_update", expect(IT), args=("device_a",)),
    Case("infrastructure:device_update", expect(["administrator"], **B_IT), args=("device_b",)),
    Case(
        "infrastructure:device_assign",
        expect(["administrator"], status=302, **B_IT),
        args=("device_b",),
        method="post",
    ),
    Case(
        "infrastructure:device_take_back",
        expect(["administrator"], status=302, **B_IT),
        args=("assigned_device_b",),
        method="post",
    ),
    Case(
        "infrastructure:device_retire",
        expect(["administrator"], status=302, **B_IT),
        args=("device_b",),
        method="post",
    ),
    Case("infrastructure:devicemodel_list", expect(IT), setup=("device_model",)),
    Case("infrastructure:devicemodel_create", expect(IT)),
    Case("infrastructure:devicemodel_update", expect(IT), args=("device_model",)),
    # Students and loans: IT staff and administrators only.
    Case("infrastructure:student_list", expect(IT), setup=("student_a", "student_b")),
    Case("infrastructure:student_create", expect(IT)),
    Case("infrastructure:waiting_list", expect(IT), setup=("student_a",)),
    Case("infrastructure:student_access_log", expect(["administrator"])),
    Case("infrastructure:student_detail", expect(IT), args=("student_a",)),
    Case("infrastructure:student_detail", expect(["administrator"], **B_IT), args=("student_b",)),
    Case("infrastructure:student_update", expect(["administrator"], **B_IT), args=("student_b",)),
    Case(
        "infrastructure:student_wait",
        expect(["administrator"], status=302, **B_IT),
        args=("student_b",),
        method="post",
    ),
    Case(
        "infrastructure:student_unwait",
        expect(["administrator"], status=302, **B_IT),
        args=("student_b",),
        method="post",
    ),
    Case("infrastructure:loan_list", expect(IT), setup=("loan_a", "loan_b")),
    Case("infrastructure:loan_create", expect(IT)),
    Case("infrastructure:loan_detail", expect(IT), args=("loan_a",)),
    Case("infrastructure:loan_detail", expect(["administrator"], **B_IT), args=("loan_b",)),
    Case("infrastructure:loan_return", expect(["administrator"], **B_IT), args=("loan_b",)),
    Case("infrastructure:loan_agreement", expect(IT), args=("loan_a",)),
    Case("infrastructure:loan_agreement", expect(["administrator"], **B_IT), args=("loan_b",)),
    # Audits and repairs
    Case("infrastructure:audit_list", expect(IT), setup=("audit_a", "audit_b")),
    Case("infrastructure:audit_create", expect(IT)),
    Case("infrastructure:audit_detail", expect(IT), args=("audit_a",)),
    Case("infrastructure:audit_detail", expect(["administrator"], **B_IT), args=("audit_b",)),
    Case(
        "infrastructure:audit_scan",
        expect(["administrator"], status=302, **B_IT),
        args=("audit_b",),
        method="post",
        data={"tags": "B-0001"},
    ),
    Case(
        "infrastructure:audit_complete",
        expect(["administrator"], status=302, **B_IT),
        args=("audit_b",),
        method="post",
    ),
    Case("infrastructure:repair_list", expect(IT), setup=("repair_a", "repair_b")),
    Case("infrastructure:repair_create", expect(IT)),
    Case("infrastructure:repair_close", expect(IT), args=("repair_a",)),
    Case("infrastructure:repair_close", expect(["administrator"], **B_IT), args=("repair_b",)),
    # Lifecycle, coverage, systems
    Case("infrastructure:lifecycle", expect(READERS), setup=("device_a", "device_b")),
    Case("infrastructure:coverage", expect(READERS), setup=("assigned_device_a", "loan_a")),
    Case("infrastructure:system_list", expect(READERS), setup=("system",)),
    Case("infrastructure:system_create", expect(IT)),
    Case("infrastructure:system_detail", expect(READERS), args=("system",)),
    Case("infrastructure:system_update", expect(IT), args=("system",)),
    Case(
        "infrastructure:accesscount_create",
        expect(IT, status=302),
        args=("system",),
        method="post",
    ),
    # API: IT staff and administrators only.
    api("device-list", expect(IT), setup=("device_a", "device_b")),
    api("device-detail", expect(IT), args=("device_a",)),
    api("device-detail", expect(["administrator"], **B_IT), args=("device_b",)),
    api(
        "device-detail",
        expect(["administrator"], **B_IT),
        args=("device_b",),
        method="patch",
        data={"location": "C301"},
    ),
    api(
        "device-detail",
        expect(IT),
        args=("device_a",),
        method="patch",
        data={"location": "C302"},
    ),
    # Creating: a school outside the IT person's own is invalid (400), not forbidden.
    api(
        "device-list",
        {**expect(["administrator"], status=201), "it_staff": 400},
        method="post",
        data=_device("school_b", "B-0900"),
    ),
    # Bulk upserts by asset tag, so every allowed role may send the same rows.
    api("device-bulk", expect(IT), method="post", data=_device("school_a", "A-0900", bulk=True)),
    api(
        "device-bulk",
        {**expect(["administrator"]), "it_staff": 400},
        method="post",
        data=_device("school_b", "B-0901", bulk=True),
    ),
    api("loan-list", expect(IT), setup=("loan_a", "loan_b")),
    api("loan-detail", expect(IT), args=("loan_a",)),
    api("loan-detail", expect(["administrator"], **B_IT), args=("loan_b",)),
    api("system-list", expect(READERS), setup=("system",)),
    api("system-detail", expect(READERS), args=("system",)),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, run_matrix):
    run_matrix(case)
