"""Live chat in a real browser: a visitor on a web page with the one-line widget asks the answer
bot first, finds its answer does not help and asks for a person; an agent in the desk sees what
the bot was asked, and they exchange messages in real time over server-sent events (no
reloads), with the typing indicator shown to the agent."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kalm.assistant import handoff
from kalm.chat import timing
from kalm.chat.models import ChatSession
from kalm.core.testing import PASSWORD, UserFactory
from kalm.kb import bot
from kalm.kb.tests.conftest import make_published

pytestmark = pytest.mark.browser


@pytest.fixture
def quick_streams(monkeypatch):
    # Short-lived streams so the live server's threads are free soon after the test.
    monkeypatch.setattr(timing, "SSE_MAX_SECONDS", 8)
    monkeypatch.setattr(timing, "SSE_TICK_SECONDS", 0.2)


def test_a_visitor_and_an_agent_chat_live(live_server, page, open_page, quick_streams, screenshot):
    UserFactory(username="eva", first_name="Evelien", last_name="Jansen", alias="Eva")
    make_published(
        language="nl",
        title="Waar blijft mijn pakket?",
        summary="Volg uw pakket met de track-and-tracecode uit de verzendmail.",
        body="Met de track-and-tracecode in uw verzendbevestiging volgt u uw pakket. Is het na "
        "vijf werkdagen nog niet bezorgd, neem dan contact met ons op.",
    )
    # The live server runs in this process: load the language models once before the browser
    # waits on them (a few seconds on a busy machine, once per process in production too).
    assert bot.answer("Waar blijft mijn pakket?", language="nl").kind == "article"
    assert not handoff.check("Waar blijft mijn pakket?")

    # The agent logs in and opens the chat queue: from now on they count as online.
    desk = open_page(viewport={"width": 1280, "height": 860})
    desk.goto(live_server.url + "/chat/desk/")
    desk.fill("input[name=username]", "eva")
    desk.fill("input[name=password]", PASSWORD)
    desk.locator("form button[type=submit]").first.click()
    desk.wait_for_url(re.compile(r"/chat/desk/$"))

    # The visitor is on a web page with the one-line widget; the button opens the chat.
    page.goto(live_server.url + "/chat/example/")
    page.click("#kalm-chat-button")
    widget = page.frame_locator("#kalm-chat-frame")

    # The bot answers first, from the help centre, in the language of the question.
    widget.locator("textarea[name=question]").fill(
        "Mijn pakket is niet aangekomen, waar blijft het?"
    )
    widget.locator("textarea[name=question]").press("Enter")
    answer = widget.locator(".bot-article")
    expect(answer.locator(".bot-title")).to_have_text("Waar blijft mijn pakket?", timeout=15000)
    expect(answer.locator("a[href*='/help/a/']")).to_be_visible()
    expect(widget.locator("textarea[name=question]")).to_have_value("")
    # It did not help: why, and then a person is one click away.
    answer.locator(".bot-feedback button[value='0']").click()
    widget.locator(".bot-feedback button[value=not_solved]").click()
    expect(widget.locator(".bot-thanks")).to_be_visible()
    screenshot(page, "09-chat-bot")
    widget.locator(".bot-article form[action*='/chat/bot/person'] button").click()
    expect(widget.locator("textarea[name=body]")).to_have_value(
        "Mijn pakket is niet aangekomen, waar blijft het?"
    )
    widget.locator("input[name=name]").fill("Sanne de Vries")
    widget.locator("input[name=email]").fill("sanne@example.nl")
    widget.locator("textarea[name=body]").fill("Mijn pakket is niet aangekomen.")
    widget.locator("form.chat-start button[type=submit]").click()
    widget.locator("[data-chat][data-transport=sse][data-connected='1']").wait_for()
    chat = page.frame(url=re.compile(r"/chat/s/\?embed=1$"))
    assert chat is not None

    # The queue refreshes by itself and shows the waiting chat; the agent accepts it.
    desk.wait_for_selector("tr.chat-waiting >> text=Sanne de Vries", timeout=10000)
    desk.locator("tr.chat-waiting button[type=submit]").click()
    desk.wait_for_url(re.compile(r"/chat/desk/\d+/$"))
    desk.wait_for_selector("[data-chat][data-transport=sse][data-connected='1']")
    # The agent sees what the bot was asked, what it answered, and that it did not help.
    transcript = desk.locator(".bot-transcript-card")
    expect(transcript).to_contain_text("Mijn pakket is niet aangekomen, waar blijft het?")
    expect(transcript).to_contain_text("Waar blijft mijn pakket?")
    expect(transcript.locator(".badge-warn")).to_have_count(1)  # "did not help"
    chat.wait_for_selector(".chat-notice >> text=Eva")  # pushed to the visitor, no reload

    # The agent answers; the visitor sees it without reloading, by alias only.
    desk.fill("#chat-body", "Wat vervelend! Ik zoek het voor u uit.")
    desk.locator(".chat-form button[type=submit]").click()
    chat.wait_for_selector(".bubble-us >> text=Ik zoek het voor u uit.")
    assert "Evelien" not in chat.content()
    expect(desk.locator("#chat-body")).to_have_value("")  # cleared once the send returned

    # The visitor types: the agent sees it, then the message arrives.
    chat.type("#chat-body", "Dank u wel", delay=30)
    desk.wait_for_selector(".chat-typing:not([hidden])")
    chat.press("#chat-body", "Enter")
    desk.wait_for_selector(".bubble-us >> text=Dank u wel")
    screenshot(desk, "10-chat-desk")
    screenshot(page, "11-chat-visitor")

    # The agent ends the chat; the visitor's form goes away.
    desk.locator(".chat-end button").click()
    chat.wait_for_selector(".chat-notice.chat-ended")
    assert ChatSession.objects.get().status == ChatSession.Status.ENDED
