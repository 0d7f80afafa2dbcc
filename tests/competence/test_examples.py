"""Practice sharing: publish, search and filter, "I used this" counted once."""

import pytest
from django.urls import reverse

from competence.models import Competence, PracticeExample, PracticeUse

from .factories import ExampleFactory


@pytest.mark.django_db
def test_publish_search_filter_and_use_once(login, teacher, teacher_b, school_a, framework):
    competence = Competence.objects.filter(area__framework=framework).first()
    client = login(teacher)
    response = client.post(
        reverse("competence:example_create"),
        {
            "title": "Exit tickets i matematik",
            "summary": "Tre frågor i slutet av lektionen.",
            "body": "Så gjorde vi.",
            "subject": "Matematik 1a",
            "tools": "Forms",
            "competences": [competence.pk],
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    example = PracticeExample.objects.get()
    assert example.author == teacher and example.school == school_a and example.published_at
    ExampleFactory(author=teacher, title="Något annat", subject="Svenska")

    colleague = login(teacher_b)
    url = reverse("competence:example_list")
    page = colleague.get(url, {"q": "exit"}).content.decode()
    assert "Exit tickets i matematik" in page and "Något annat" not in page
    page = colleague.get(url, {"competence": competence.pk}).content.decode()
    assert "Exit tickets i matematik" in page and "Något annat" not in page
    page = colleague.get(url, {"tool": "forms"}).content.decode()
    assert "Exit tickets i matematik" in page and "Något annat" not in page

    use = reverse("competence:example_use", args=[example.pk])
    colleague.post(use)
    response = colleague.post(use, follow=True)
    assert "Du har redan markerat" in response.content.decode()
    assert PracticeUse.objects.filter(example=example).count() == 1
    page = colleague.get(example.get_absolute_url()).content.decode()
    assert "1 kollega" in page


@pytest.mark.django_db
def test_attachment_must_be_pdf_or_image(login, teacher):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("plan.pdf", b"MZ" + b"\x00" * 100)
    response = login(teacher).post(
        reverse("competence:example_create"),
        {"title": "X", "summary": "Y", "body": "Z", "attachment": fake},
    )
    assert response.status_code == 200
    assert "Den här typen av fil kan inte laddas upp" in response.content.decode()
    assert not PracticeExample.objects.exists()


@pytest.mark.django_db
def test_authors_cannot_count_their_own_use(login, teacher):
    example = ExampleFactory(author=teacher)
    login(teacher).post(reverse("competence:example_use", args=[example.pk]))
    assert not PracticeUse.objects.exists()
