"""Reviewers through the real bot: «Следующий ›» after each decision, the evidence before the decision buttons,
ready-made reasons for returning."""

import pytest

from tests.support.conversation import Harness, Person, ru, texts
from tests.support.delivery import deliver
from tests.support.route_setup import approved_route, methodist_and_teacher


@pytest.fixture
async def people(harness: Harness) -> tuple[Person, Person]:
    return await methodist_and_teacher(harness)


async def report(teacher: Person, title: str) -> None:
    await teacher.send("/route")
    await teacher.press(next(button for button in teacher.last.buttons() if title in button))
    await teacher.press_key("item-report")
    await teacher.send_document("certificate.pdf", b"%PDF-1.4")
    await teacher.send("https://example.org/" + title[:5])
    await teacher.press_key("report-send")


async def test_after_each_decision_next_opens_the_following_report_until_the_queue_is_empty(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    methodist, teacher = await approved_route(people)
    await report(teacher, "Формирование")
    await report(teacher, "Цифровые")
    await deliver(harness)

    replies = await methodist.press_key("review-open")  # the latest notice: the second report
    documents = [index for index, reply in enumerate(replies) if reply.method == "SendDocument"]
    decision = next(index for index, reply in enumerate(replies) if ru("item-confirm") in reply.buttons())
    assert documents and max(documents) < decision  # the evidence comes before the decision buttons
    assert "https://example.org/" in texts(replies[:decision])

    replies = await methodist.press_key("item-confirm")
    assert ru("review-item-confirmed") in replies[-1].text
    assert {ru("review-next"), ru("nav-menu")} <= set(replies[-1].buttons())
    replies = await methodist.press_key("review-next")  # the oldest report still waiting: the first one
    assert "Формирование функциональной грамотности" in replies[-1].text
    assert ru("item-return") in replies[-1].buttons()

    replies = await methodist.press_key("item-return")
    assert {ru("review-reason-1"), ru("review-no-comment"), ru("nav-cancel")} <= set(replies[-1].buttons())
    replies = await methodist.press_key("review-reason-1")
    title = "Формирование функциональной грамотности"
    assert ru("review-item-returned", title=title, name="Петрова Анна Сергеевна") in replies[-1].text
    await deliver(harness)
    assert ru("review-reason-1") in teacher.last.text

    replies = await methodist.press_key("review-next")
    assert ru("review-queue-empty") in replies[-1].text
    assert {ru("review-menu"), ru("nav-menu")} <= set(replies[-1].buttons())
    assert harness.telegram.refused == []


async def test_an_approved_route_leads_on_to_the_next_route_and_a_typed_reason_is_kept(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    methodist, teacher = people
    await teacher.send("/route")
    await teacher.press_key("route-start")
    await teacher.press_key("route-submit")
    await deliver(harness)
    await methodist.press_key("review-open")
    replies = await methodist.press_key("review-return")
    assert ru("nav-cancel") in replies[-1].buttons()
    replies = await methodist.send("Добавьте стажировку")
    assert ru("review-route-returned", name="Петрова Анна Сергеевна") in replies[-1].text
    assert ru("review-next") in replies[-1].buttons()
    await deliver(harness)
    assert "Добавьте стажировку" in teacher.last.text

    await teacher.send("/route")
    await teacher.press_key("route-submit")
    await deliver(harness)
    await methodist.press_key("review-open")
    replies = await methodist.press_key("review-approve")
    assert ru("review-route-approved", name="Петрова Анна Сергеевна") in replies[-1].text
    replies = await methodist.press_key("review-next")
    assert ru("review-queue-empty") in replies[-1].text
    assert harness.telegram.refused == []


async def test_review_queues_page_with_a_count_and_lead_back_to_the_review_menu(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    methodist, teacher = await approved_route(people)
    await report(teacher, "Формирование")
    await methodist.send("/route")
    await methodist.press_key("review-menu")
    replies = await methodist.press_key("review-items", count="1")
    assert ru("review-items-title", count="1") in replies[-1].text
    assert {ru("nav-back"), ru("nav-menu")} <= set(replies[-1].buttons())
    replies = await methodist.press_key("nav-back")
    assert ru("review-title") in replies[-1].text
    replies = await methodist.press_key("review-counts")
    assert ru("counts-title") in replies[-1].text and ru("nav-back") in replies[-1].buttons()
    assert harness.telegram.refused == []
