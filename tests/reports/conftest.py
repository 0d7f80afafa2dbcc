import subprocess

import pytest

from tests.reports.factories import build_report_data


@pytest.fixture
def report_data(school_a, school_b, leader):
    return build_report_data(schools=[school_a, school_b], author=leader)


@pytest.fixture
def t2(report_data):
    return report_data.t2


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
