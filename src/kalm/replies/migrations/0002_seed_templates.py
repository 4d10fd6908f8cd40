"""A first set of reply templates: one per situation, in Dutch (with "u") and English.

Each names the consumer, acknowledges how they feel, says what happens next and by when, and
thanks them, without internal words: they pass the reply check as they are. The email that
carries a reply adds the greeting, the signature and the status link itself, so the templates do
neither. Existing templates with the same name and language are left alone."""

from django.db import migrations

NL = "nl"
EN = "en"

TEMPLATES = [
    # --- injury -------------------------------------------------------------------------------
    (
        "Letsel: eerste reactie",
        "injury_first",
        NL,
        10,
        "{consumer_name}, wat ontzettend vervelend en schrikwekkend dat dit is gebeurd met "
        "{product}. Ik hoop van harte dat het goed met u gaat. Bent u gewond geraakt, laat het "
        "dan altijd door een arts bekijken.\n\n"
        "Mijn naam is {alias} en ik houd uw melding persoonlijk in de gaten. Wilt u het product "
        "en de verpakking bewaren? Daarmee kunnen wij goed onderzoeken wat er is misgegaan.\n\n"
        "Wat er nu gebeurt: {next_step}. Ik neem uiterlijk {next_step_date} contact met u op om "
        "u te vertellen wat wij hebben gevonden. {status_link_hint}\n\n"
        "Dank u wel dat u dit meteen aan ons heeft gemeld.",
    ),
    (
        "Injury: first reply",
        "injury_first",
        EN,
        10,
        "{consumer_name}, I am so sorry to read what happened with {product}; that must have been "
        "a real shock. I hope you are all right. If you were hurt, please do have it looked at by "
        "a doctor.\n\n"
        "My name is {alias} and I am personally looking after your report. Could you keep the "
        "product and its packaging? That helps us find out exactly what went wrong.\n\n"
        "What happens next: {next_step}. I will contact you by {next_step_date} to tell you what "
        "we have found. {status_link_hint}\n\n"
        "Thank you for letting us know straight away.",
    ),
    # --- legal threat -------------------------------------------------------------------------
    (
        "Juridische stappen",
        "legal_threat",
        NL,
        20,
        "{consumer_name}, dank u wel voor uw bericht. Ik begrijp dat u zich ernstig benadeeld "
        "voelt en dat u juridische stappen overweegt; het spijt me dat het zo ver is gekomen.\n\n"
        "Wij nemen uw melding serieus. Uw melding staat bij ons vastgelegd onder referentie "
        "{reference}, en wij bewaren alle informatie zorgvuldig. Schakelt u een advocaat of uw "
        "rechtsbijstandsverzekering in, dan kunnen zij ons met dit referentienummer rechtstreeks "
        "bereiken.\n\n"
        "Wat er nu gebeurt: {next_step}. Ik laat u uiterlijk {next_step_date} schriftelijk weten "
        "wat wij hebben gevonden. {status_link_hint}\n\n"
        "Dank u wel voor uw geduld terwijl wij dit zorgvuldig uitzoeken.",
    ),
    (
        "Legal threat",
        "legal_threat",
        EN,
        20,
        "{consumer_name}, thank you for your message. I understand that you feel seriously let "
        "down and that you are considering legal action; I am sorry it has come to this.\n\n"
        "We take your report seriously. It is on record with us under reference {reference}, "
        "and we keep all information carefully. If you involve a lawyer or your legal expenses "
        "insurer, they can reach us directly with this reference.\n\n"
        "What happens next: {next_step}. I will let you know in writing by {next_step_date} what "
        "we have found. {status_link_hint}\n\n"
        "Thank you for your patience while we look into this carefully.",
    ),
    # --- delay --------------------------------------------------------------------------------
    (
        "Vertraging",
        "delay",
        NL,
        30,
        "{consumer_name}, het spijt me dat u zo lang op een antwoord heeft moeten wachten; dat is "
        "vervelend, zeker als u op een oplossing rekent. Dank u wel voor uw geduld.\n\n"
        "Ik heb uw melding over {product} nu zelf opgepakt. Wat er nu gebeurt: {next_step}. U "
        "hoort uiterlijk {next_step_date} van mij, ook als dan nog niet alles bekend is. "
        "{status_link_hint}",
    ),
    (
        "Delay",
        "delay",
        EN,
        30,
        "{consumer_name}, I am sorry you have had to wait so long for an answer; that is "
        "frustrating, especially when you are counting on a solution. Thank you for your "
        "patience.\n\n"
        "I have now taken on your report about {product} myself. What happens next: {next_step}. "
        "You will hear from me by {next_step_date}, even if not everything is known by then. "
        "{status_link_hint}",
    ),
    # --- refund -------------------------------------------------------------------------------
    (
        "Terugbetaling",
        "refund",
        NL,
        40,
        "{consumer_name}, dank u wel voor uw bericht, en het spijt me dat {product} niet was wat u "
        "ervan mocht verwachten. Ik begrijp goed dat u uw geld terug wilt.\n\n"
        "Wat er nu gebeurt: {next_step}. U ontvangt uiterlijk {next_step_date} bericht van mij "
        "over de terugbetaling: hoeveel, hoe en wanneer het bedrag op uw rekening staat. "
        "{status_link_hint}\n\n"
        "Dank u wel voor uw geduld en uw vertrouwen.",
    ),
    (
        "Refund",
        "refund",
        EN,
        40,
        "{consumer_name}, thank you for your message, and I am sorry that {product} was not what "
        "you could expect of it. I understand that you would like your money back.\n\n"
        "What happens next: {next_step}. You will hear from me by {next_step_date} about the "
        "refund: how much, how, and when the amount will be in your account. "
        "{status_link_hint}\n\n"
        "Thank you for your patience and your trust.",
    ),
    # --- crisis update ------------------------------------------------------------------------
    (
        "Update bij een incident",
        "crisis_update",
        NL,
        50,
        "{consumer_name}, ik begrijp dat u zich zorgen maakt over {product}, en het spijt me dat "
        "u hiermee te maken heeft. Hieronder leest u hoe het er nu voor staat.\n\n"
        "Gebruik het product voor uw veiligheid voorlopig niet, en bewaar het als u het nog "
        "heeft. Heeft u klachten na het gebruik ervan, neem dan contact op met uw huisarts en "
        "laat het ons weten.\n\n"
        "Wat er nu gebeurt: {next_step}. Wij houden u persoonlijk op de hoogte: u hoort uiterlijk "
        "{next_step_date} opnieuw van ons, ook als er dan nog geen nieuws is. "
        "{status_link_hint}\n\n"
        "Dank u wel voor uw geduld en begrip.",
    ),
    (
        "Incident update",
        "crisis_update",
        EN,
        50,
        "{consumer_name}, I understand that you are worried about {product}, and I am sorry you "
        "have to deal with this. Below is where things stand now.\n\n"
        "For your safety, please do not use the product for now, and keep it if you still have "
        "it. If you have any symptoms after using it, please contact your doctor and let us "
        "know.\n\n"
        "What happens next: {next_step}. We will keep you personally informed: you will hear "
        "from us again by {next_step_date}, even if there is no news by then. "
        "{status_link_hint}\n\n"
        "Thank you for your patience and understanding.",
    ),
    # --- complaint ----------------------------------------------------------------------------
    (
        "Klacht: eerste reactie",
        "complaint_first",
        NL,
        60,
        "{consumer_name}, dank u wel voor uw bericht over {product}. Wat vervelend dat het niet "
        "was zoals u had verwacht; ik begrijp uw teleurstelling.\n\n"
        "Mijn naam is {alias} en ik help u graag verder. Wat er nu gebeurt: {next_step}. Ik laat "
        "u uiterlijk {next_step_date} weten hoe wij dit voor u oplossen. {status_link_hint}\n\n"
        "Dank u wel dat u de moeite heeft genomen om het ons te laten weten; zo kunnen wij het "
        "beter doen.",
    ),
    (
        "Complaint: first reply",
        "complaint_first",
        EN,
        60,
        "{consumer_name}, thank you for your message about {product}. I am sorry it was not what "
        "you expected; I understand your disappointment.\n\n"
        "My name is {alias} and I am glad to help. What happens next: {next_step}. I will let you "
        "know by {next_step_date} how we are going to put this right. {status_link_hint}\n\n"
        "Thank you for taking the trouble to tell us; it helps us do better.",
    ),
    # --- aggression ---------------------------------------------------------------------------
    (
        "Boze of agressieve consument",
        "aggression",
        NL,
        70,
        "{consumer_name}, ik lees hoe boos u bent, en ik begrijp dat deze situatie u veel "
        "frustratie heeft bezorgd. Ik neem uw melding serieus en wil u graag helpen.\n\n"
        "Wat er nu gebeurt: {next_step}. Ik neem uiterlijk {next_step_date} contact met u op met "
        "een concreet antwoord. {status_link_hint}\n\n"
        "Ik vraag u wel om in uw volgende berichten respectvol te blijven naar mijn collega's en "
        "mij; dan kunnen wij ons helemaal richten op een oplossing voor u. Dank u wel voor uw "
        "begrip.",
    ),
    (
        "Angry or aggressive consumer",
        "aggression",
        EN,
        70,
        "{consumer_name}, I can see how angry you are, and I understand this situation has "
        "caused you a lot of frustration. I take your report seriously and I want to help.\n\n"
        "What happens next: {next_step}. I will contact you by {next_step_date} with a concrete "
        "answer. {status_link_hint}\n\n"
        "I do ask you to keep your next messages respectful towards my colleagues and me; that "
        "way we can focus entirely on a solution for you. Thank you for your understanding.",
    ),
    # --- vulnerability ------------------------------------------------------------------------
    (
        "Kwetsbare consument",
        "vulnerability",
        NL,
        80,
        "{consumer_name}, dank u wel dat u dit met ons deelt. Ik begrijp dat dit een moeilijke "
        "situatie voor u is, en ik wil u zo goed mogelijk helpen.\n\n"
        "Neemt u gerust de tijd. Belt u liever dan dat u schrijft, of mag iemand anders u helpen "
        "met deze melding? Laat het ons weten, dan passen wij ons daarop aan.\n\n"
        "Wat er nu gebeurt: {next_step}. Ik neem uiterlijk {next_step_date} persoonlijk contact "
        "met u op. {status_link_hint}\n\n"
        "Heeft u dringend hulp nodig of voelt u zich niet veilig, bel dan 112.",
    ),
    (
        "Vulnerable consumer",
        "vulnerability",
        EN,
        80,
        "{consumer_name}, thank you for sharing this with us. I understand this is a difficult "
        "situation for you, and I want to help you as well as I can.\n\n"
        "Please take all the time you need. Would you rather talk on the phone than write, or "
        "may someone else help you with this? Let us know and we will work around you.\n\n"
        "What happens next: {next_step}. I will contact you personally by {next_step_date}. "
        "{status_link_hint}\n\n"
        "If you need urgent help or do not feel safe, please call 112.",
    ),
    # --- general ------------------------------------------------------------------------------
    (
        "Algemeen antwoord",
        "general",
        NL,
        90,
        "{consumer_name}, dank u wel voor uw bericht. Ik begrijp dat u graag snel duidelijkheid "
        "wilt, en ik help u daar graag bij.\n\n"
        "Wat er nu gebeurt: {next_step}. Ik laat u uiterlijk {next_step_date} weten hoe het "
        "verder gaat. {status_link_hint}\n\n"
        "Heeft u in de tussentijd een vraag, dan kunt u gewoon op dit bericht reageren.",
    ),
    (
        "General reply",
        "general",
        EN,
        90,
        "{consumer_name}, thank you for your message. I understand you would like clarity "
        "quickly, and I am glad to help.\n\n"
        "What happens next: {next_step}. I will let you know by {next_step_date} how things "
        "stand. {status_link_hint}\n\n"
        "If you have a question in the meantime, simply reply to this message.",
    ),
]


def seed(apps, schema_editor):
    ReplyTemplate = apps.get_model("replies", "ReplyTemplate")
    for name, situation, language, position, body in TEMPLATES:
        ReplyTemplate.objects.get_or_create(
            name=name,
            language=language,
            defaults={"situation": situation, "position": position, "body": body},
        )


def unseed(apps, schema_editor):
    ReplyTemplate = apps.get_model("replies", "ReplyTemplate")
    for name, _situation, language, _position, body in TEMPLATES:
        # Only the untouched ones: a lead's edits are theirs.
        ReplyTemplate.objects.filter(name=name, language=language, body=body).delete()


class Migration(migrations.Migration):
    dependencies = [("replies", "0001_reply_template")]
    operations = [migrations.RunPython(seed, unseed)]
