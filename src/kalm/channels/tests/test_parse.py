from kalm.channels.email.parse import decode_bytes, message_ids, parse
from kalm.channels.tests.mail import build, corpus, jpeg_bytes, tnef_bytes, with_winmail


def test_it_decodes_an_rfc2047_subject_and_sender_name():
    parsed = parse(corpus("rfc2047_subject.eml"))
    assert parsed.subject == "Klacht over €5 korting en crème brûlée"
    assert parsed.from_name == "José García"
    assert parsed.from_address == "jose@example.es"


def test_it_reads_iso_8859_1_as_windows_1252_including_unencoded_headers():
    parsed = parse(corpus("iso_8859_1.eml"))
    assert "café crème kostte € 4,50" in parsed.text
    assert parsed.subject == "Café crème"
    assert parsed.from_name == "Renée Müller"


def test_it_reads_windows_1252_quoted_printable():
    parsed = parse(corpus("windows_1252.eml"))
    assert "€12,99 voor de “voordeelverpakking”, maar dat\u2019s duurder" in parsed.text


def test_it_falls_back_on_unknown_and_lying_charsets():
    assert decode_bytes("café".encode(), "x-no-such-charset") == "café"
    assert decode_bytes("café €".encode("cp1252"), "utf-8") == "café €"
    assert decode_bytes(b"caf\xe9", "zlib") == "café"  # a codec that is not a text encoding
    assert decode_bytes(b"\x81\x8d", "utf-8") == "\x81\x8d"  # not even cp1252: Latin-1


def test_it_prefers_text_plain_in_multipart_alternative_and_keeps_sanitised_html():
    parsed = parse(corpus("alternative.eml"))
    assert parsed.text.startswith("De yoghurt smaakt zuur")
    assert "<b>zuur</b>" in parsed.html_sanitised


def test_it_turns_html_only_mail_into_text_and_strips_scripts():
    parsed = parse(corpus("html_only_script.eml"))
    assert "Mijn bestelling 5521 kwam beschadigd aan." in parsed.text
    assert "- Doos ingedeukt" in parsed.text
    assert "alert" not in parsed.text and "color:red" not in parsed.text
    html = parsed.html_sanitised
    assert "<p>Graag een vervangend pakket.</p>" in html
    for bad in ("<script", "onload", "javascript:", "tracker.example", "<style"):
        assert bad not in html


def test_it_renders_nested_forwards_as_text():
    parsed = parse(corpus("nested_forward.eml"))
    assert parsed.text == "Zie hieronder: ze beloofden levering op maandag, het is nu vrijdag."
    assert "From: Webwinkel <noreply@shop.example>" in parsed.forwarded
    assert "Uw bestelling 77 wordt maandag bezorgd." in parsed.forwarded
    assert "Picklijst: 1x pindakaas" in parsed.forwarded  # a forward inside the forward


def test_it_unpacks_the_files_outlook_packed_into_winmail_dat():
    msg = build(body="Zie bijlage.")
    with_winmail(msg, tnef_bytes([("etiket.jpg", b"\xff\xd8\xff"), ("bon.pdf", b"%PDF-1.4")]))
    parsed = parse(msg.as_bytes())
    assert [(a.filename, a.content_type, a.packed_in) for a in parsed.attachments] == [
        ("etiket.jpg", "image/jpeg", "winmail.dat"),
        ("bon.pdf", "application/pdf", "winmail.dat"),
    ]
    assert parsed.attachments[1].data == b"%PDF-1.4"
    assert parsed.text == "Zie bijlage."


def test_it_keeps_winmail_dat_as_an_attachment():
    parsed = parse(corpus("winmail.eml"))
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("winmail.dat", "application/ms-tnef")
    ]
    assert parsed.attachments[0].data.startswith(b"\x78\x9f\x3e\x22")


def test_it_recovers_a_multipart_without_boundary():
    parsed = parse(corpus("broken_boundary.eml"))
    assert parsed.text == "De verpakking was kapot toen hij aankwam."


def test_it_lists_attachments_and_inline_images():
    msg = build(body="Foto's bijgevoegd.")
    msg.add_alternative('<p>Zie <img src="cid:foto1"></p>', subtype="html")
    msg.get_payload()[1].add_related(jpeg_bytes("blue"), "image", "jpeg", cid="<foto1>")
    msg.add_attachment(jpeg_bytes(), maintype="image", subtype="jpeg", filename="etiket.jpg")
    parsed = parse(msg.as_bytes())
    names = {(a.filename, a.inline) for a in parsed.attachments}
    assert ("etiket.jpg", False) in names
    assert any(inline and name.endswith(".jpg") for name, inline in names)
    assert parsed.text == "Foto's bijgevoegd."


def test_it_reads_message_ids_without_brackets():
    assert message_ids("<a@b> <c@d>\n <e@f>") == ["a@b", "c@d", "e@f"]
    assert message_ids("bare@id") == ["bare@id"]
    assert message_ids("") == []
