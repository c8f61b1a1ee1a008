"""The children and young people's form (8 to 15) and the under 8s form led by a parent or carer."""

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse
from django.utils import translation

from feedback.choices import Channel, FftAnswer
from feedback.models import ContactRequest, Feedback

pytestmark = pytest.mark.django_db

VERSIONS = [
    # (URL name, channel, the question, the names reminder)
    ("feedback:young_people", Channel.CHILDREN,
     "Overall, how was your time with Maternity services?",
     "Please do not write your name or anyone else's name, or where you live."),
    ("feedback:under_8s", Channel.UNDER_8, "How was your time with Maternity services?",
     "Please do not write your child's name or anyone else's name."),
]  # fmt: skip


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def post_screen(client, path, page, **fields):
    data = {"state": page.select_one("input[name=state]")["value"],
            "step": page.select_one("input[name=step]")["value"], **fields}  # fmt: skip
    return client.post(path, data)


@pytest.mark.parametrize(("name", "channel", "question", "reminder"), VERSIONS)
def test_picture_scale_then_free_text_with_a_reminder_then_check_and_send(
    client, service, name, channel, question, reminder, django_capture_on_commit_callbacks
):
    # given
    path = reverse(name, kwargs={"service_slug": service.slug})

    # when / then: the picture scale
    page = soup(client.get(path))
    assert page.select_one("legend h1").get_text(strip=True) == question
    assert len(page.select(".nhsuk-radios__label svg.involve-face[aria-hidden=true]")) == 6
    assert "Page 1 of 3" in page.get_text()
    # the free text, with its reminder tied to the box
    page = soup(post_screen(client, path, page, fft_answer="very_good"))
    reminder_box = page.select_one(".involve-names-reminder")
    assert reminder in reminder_box.get_text()
    assert reminder_box["id"] in page.select_one("textarea")["aria-describedby"]
    # no "did someone help" screen: straight to check
    page = soup(
        post_screen(client, path, page, text="The play room was fun. Call me on 07700 900123")
    )
    assert page.select_one("h1").get_text(strip=True) == "Check your answers"
    assert len(page.select(".nhsuk-summary-list__row")) == 2
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post_screen(client, path, page)

    # then
    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert feedback.channel == channel
    assert feedback.fft_answer == FftAnswer.VERY_GOOD
    assert "07700" not in feedback.text and "[PHONE]" in feedback.text
    assert feedback.assisted is None
    assert len(callbacks) == 1


@pytest.mark.parametrize(("name", "channel", "question", "reminder"), VERSIONS)
def test_no_contact_details_are_asked_for_or_kept(client, service, name, channel, question,
                                                  reminder):  # fmt: skip
    # Under 16s: no contact details, even when posted by hand (the under-16 rule).
    path = reverse(name, kwargs={"service_slug": service.slug})
    page = soup(client.get(path))
    screens = [page]
    page = soup(post_screen(client, path, page, fft_answer="good"))
    screens.append(page)
    page = soup(post_screen(client, path, page, text=""))
    screens.append(page)
    for screen in screens:
        assert not screen.select("input[type=email], input[type=tel], input[name^=contact]")
        assert "contact me" not in screen.get_text().lower()
    post_screen(client, path, page, contact_me="on", contact_name="Sam",
                contact_email="sam@example.com")  # fmt: skip
    assert Feedback.objects.count() == 1
    assert ContactRequest.objects.count() == 0


def test_under_8s_form_speaks_to_the_parent_or_carer(client, service):
    page = soup(client.get(reverse("feedback:under_8s", kwargs={"service_slug": service.slug})))
    text = page.get_text(" ", strip=True)
    assert "parent or carer" in text
    assert "Grown-up: read this to your child" in text
    assert page.title.get_text().startswith("Your answer: Tell us about your child's time")


def test_young_peoples_form_says_who_it_is_for(client, service):
    path = reverse("feedback:young_people", kwargs={"service_slug": service.slug})
    assert "aged 8 to 15" in soup(client.get(path)).get_text()


@pytest.mark.parametrize("posted", ["", "amazing", "very_good "])
def test_an_answer_not_offered_shows_the_error_with_the_pictures_again(client, service, posted):
    path = reverse("feedback:young_people", kwargs={"service_slug": service.slug})
    page = soup(post_screen(client, path, soup(client.get(path)), fft_answer=posted))
    assert page.select_one(".nhsuk-error-summary a")["href"] == "#id_fft_answer_0"
    assert len(page.select(".nhsuk-radios__label svg.involve-face")) == 6
    assert Feedback.objects.count() == 0


def test_a_state_from_one_version_is_refused_by_another(client, service):
    easy = reverse("feedback:easy_read", kwargs={"service_slug": service.slug})
    children = reverse("feedback:young_people", kwargs={"service_slug": service.slug})
    page = soup(post_screen(client, easy, soup(client.get(easy)), fft_answer="good"))
    response = post_screen(client, children, page, text="hello")
    assert "We had to start again" in soup(response).get_text()


def test_the_service_page_links_to_every_version(client, service):
    page = soup(client.get(service.url))
    hrefs = {a["href"] for a in page.select(".involve-other-ways a")}
    for name in ("feedback:easy_read", "feedback:young_people", "feedback:under_8s"):
        assert reverse(name, kwargs={"service_slug": service.slug}) in hrefs


@pytest.mark.parametrize(
    "name", ["feedback:easy_read", "feedback:young_people", "feedback:under_8s"]
)
def test_each_version_answers_in_welsh_too(client, service, name):
    # i18n_patterns: the Welsh address is the English one under /cy/.
    with translation.override("cy"):
        path = reverse(name, kwargs={"service_slug": service.slug})
    assert path.startswith("/cy/")
    response = client.get(path)
    assert response.status_code == 200
    assert soup(response).html["lang"].startswith("cy")
