from kalm.channels.email.quotes import strip_quotes


def test_it_cuts_a_dutch_quote_header_and_quoted_lines():
    text = "Nog steeds kapot.\n\nOp 3 mrt. 2026 om 10:00 schreef Kalm <k@kalm.nl>:\n> Heeft u het nog?\n"
    assert strip_quotes(text) == "Nog steeds kapot."


def test_it_cuts_an_english_quote_header_split_over_two_lines():
    text = "Still broken.\n\nOn Tue, 3 Mar 2026 at 10:00, Kalm Support <support@kalm.example>\nwrote:\n> Do you still have it?"
    assert strip_quotes(text) == "Still broken."


def test_it_cuts_signatures_and_phone_footers():
    assert strip_quotes("Dank!\n\n-- \nJan\nStraat 1") == "Dank!"
    assert strip_quotes("Dank!\n\nVerstuurd vanaf mijn iPhone") == "Dank!"
    assert strip_quotes("Thanks\nSent from my Galaxy") == "Thanks"


def test_it_cuts_outlook_original_message_blocks():
    text = "Ja.\n\n-----Original Message-----\nFrom: Kalm\nSent: today\n\nVraag?"
    assert strip_quotes(text) == "Ja."
    dutch = "Nee.\n\n________________________________\nVan: Kalm <k@x.nl>\nVerzonden: dinsdag\nAan: mij\n\nVraag?"
    assert strip_quotes(dutch) == "Nee."


def test_it_keeps_inline_answers_and_a_van_line_that_is_not_a_header():
    text = "Van: mijn buurvrouw hoorde ik het ook.\nZij had hetzelfde."
    assert strip_quotes(text) == text


def test_it_returns_the_whole_text_when_everything_is_quoted():
    text = "> alleen een citaat\n> meer niet"
    assert strip_quotes(text) == text
