from kalm.core.models import OrganisationSettings
from kalm.core.selectors import organisation, organisation_forget
from kalm.core.testing import make_case


def test_it_falls_back_to_the_environment(db, settings):
    settings.KALM_ORGANISATION_NAME = "Bron BV"
    assert organisation().name == "Bron BV"
    assert organisation().first_response_hours["normal"] == 24


def test_first_response_due_follows_the_admin_setting(db):
    # The organisation's hours apply when no SLA policy matches (kalm.sla): switch them off.
    from kalm.sla.models import SlaPolicy

    SlaPolicy.objects.update(active=False)
    OrganisationSettings.objects.create(first_response_hours_normal=4)
    organisation_forget()
    case = make_case()
    assert (case.first_response_due_at - case.created_at).total_seconds() == 4 * 3600


def test_emails_come_from_the_configured_sender(
    db, agent, mailoutbox, django_capture_on_commit_callbacks
):
    from kalm.cases.actions import message_reply

    OrganisationSettings.objects.create(name="Polderhof", sender_email="zorg@polderhof.example")
    organisation_forget()
    case = make_case()
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(case=case, agent=agent, body="Hallo")
    assert mailoutbox[0].from_email == "Eva - Polderhof <zorg@polderhof.example>"


def test_it_is_a_singleton(db):
    OrganisationSettings.objects.create(name="A")
    OrganisationSettings(name="B").save()
    assert OrganisationSettings.objects.get().name == "B"


def test_admin_can_edit_the_settings(admin_client):
    response = admin_client.post(
        "/admin/core/organisationsettings/add/",
        {
            "name": "Polderhof",
            "sender_email": "",
            "first_response_hours_urgent": 1,
            "first_response_hours_high": 4,
            "first_response_hours_normal": 12,
            "first_response_hours_low": 48,
        },
    )
    assert response.status_code == 302
    assert organisation().name == "Polderhof"
