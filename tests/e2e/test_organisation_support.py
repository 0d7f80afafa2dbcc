"""Journey: a teacher asks for help with an account, the IT staff reply and resolve it,
the teacher sees the answer, and the answer becomes a help article for everyone."""

import pytest

from organisation.models import HelpArticle, SupportRequest
from tests.factories import PASSWORD, SchoolFactory, person
from vuxportal.roles import Role


@pytest.fixture
def people(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    return {
        "teacher": person(Role.TEACHER, school, email="larare@vux.example", first_name="Lars"),
        "it": person(Role.IT_STAFF, school, email="it@vux.example", first_name="Ida"),
    }


def submit(portal, selector="main form.portal-form button[type=submit]"):
    with portal.page.expect_navigation():
        portal.page.locator(selector).first.click()
    portal.check()


def test_teacher_gets_help_with_an_account(portal, people):
    page = portal.page
    portal.login("larare@vux.example", PASSWORD)
    portal.open_menu("organisation")
    page.get_by_role("link", name="Support", exact=True).click()
    portal.check()
    page.get_by_role("link", name="Be om hjälp").first.click()
    portal.check()

    # An empty request is refused with Swedish messages.
    submit(portal)
    main = page.locator("main").inner_text()
    assert "Skriv en kort rubrik." in main
    assert "Beskriv vad du behöver hjälp med." in main
    assert "Välj en kategori." in main

    # A program disguised as a PDF is refused, and what was typed stays.
    page.locator("[name=category]").select_option("account")
    page.locator("[name=subject]").fill("Kan inte logga in")
    page.locator("[name=description]").fill("Kontot säger att det är låst.")
    page.locator("[name=attachment]").set_input_files(
        files=[{"name": "skarm.pdf", "mimeType": "application/pdf", "buffer": b"MZ" + b"\0" * 99}]
    )
    submit(portal)
    assert "Den här typen av fil kan inte laddas upp" in page.locator("main").inner_text()
    assert page.locator("[name=subject]").input_value() == "Kan inte logga in"

    page.locator("[name=attachment]").set_input_files(
        files=[{"name": "fel.txt", "mimeType": "text/plain", "buffer": b"Fel 401"}]
    )
    submit(portal)
    assert "Din förfrågan är skickad." in page.locator("main").inner_text()
    assert "Ny" in page.locator(".status-badge").inner_text()
    portal.logout()

    # The school's IT technician sees it on her start page, replies and resolves it.
    portal.login("it@vux.example", PASSWORD)
    assert "1 öppen förfrågan att hantera" in page.locator("main").inner_text()
    portal.open_menu("organisation")
    page.get_by_role("link", name="Support", exact=True).click()
    portal.check()
    page.get_by_role("link", name="Kan inte logga in").click()
    portal.check()
    page.locator("[name=body]").fill("Jag har låst upp kontot. Logga in igen.")
    page.locator("[name=status]").select_option("resolved")
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka svar").click()
    portal.check()
    assert "Löst" in page.locator(".status-badge").first.inner_text()
    page.get_by_role("link", name="Publicera som hjälpartikel").click()
    portal.check()
    page.locator("[name=title]").fill("Mitt konto är låst – vad gör jag?")
    submit(portal)
    assert "Hjälpartikeln publicerades." in page.locator("main").inner_text()
    page.get_by_role("link", name="Redigera hjälpartikeln").click()
    portal.check()
    page.locator("[name=body]").fill("Be IT låsa upp kontot via Support och logga in igen.")
    submit(portal)
    page.get_by_role("link", name="Alla hjälpartiklar").click()
    portal.check()
    page.get_by_role("link", name="Ny hjälpartikel").click()
    portal.check()
    page.locator("[name=title]").fill("Hur byter jag lösenord?")
    page.locator("[name=category]").select_option("account")
    page.locator("[name=body]").fill("Välj Byt lösenord i menyn.")
    submit(portal)
    portal.logout()

    # The teacher reads the answer and finds the help article.
    portal.login("larare@vux.example", PASSWORD)
    page.get_by_role("link", name="Kan inte logga in").click()
    portal.check()
    main = page.locator("main").inner_text()
    assert "Jag har låst upp kontot. Logga in igen." in main
    assert "Löst" in main
    page.get_by_role("link", name="Läs den publicerade hjälpartikeln").click()
    portal.check()
    assert "Be IT låsa upp kontot" in page.locator("main").inner_text()
    request = SupportRequest.objects.get()
    assert request.status == SupportRequest.Status.RESOLVED
    assert request.attachment.name.endswith(".txt")
    assert HelpArticle.objects.count() == 2
