"""An article's plain text as HTML on the help centre: escaped, paragraphs, "- " lists and
http(s) links only."""

from __future__ import annotations

from kalm.kb.views_public import render_body


def test_blank_lines_make_paragraphs_and_single_breaks_stay():
    assert render_body("Eerste regel\ntweede regel\n\nNieuwe alinea") == (
        "<p>Eerste regel<br>tweede regel</p><p>Nieuwe alinea</p>"
    )


def test_dash_lines_make_a_list_within_a_block():
    assert render_body("Neem mee:\n- de bon\n- het product\nDank u.") == (
        "<p>Neem mee:</p><ul><li>de bon</li><li>het product</li></ul><p>Dank u.</p>"
    )


def test_everything_is_escaped():
    html = render_body('<script>alert("x")</script>\n- <img src=x onerror=y>')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_only_http_and_https_addresses_become_links():
    html = render_body(
        "Zie https://example.nl/a?b=1&c=2. Of http://x.test, niet ftp://y of javascript:z"
    )
    assert '<a href="https://example.nl/a?b=1&amp;c=2" rel="nofollow noopener">' in html
    assert '<a href="http://x.test" rel="nofollow noopener">http://x.test</a>,' in html
    assert "ftp://y" in html and 'href="ftp' not in html and 'href="javascript' not in html


def test_a_link_cannot_break_out_of_its_attribute():
    html = render_body('https://example.nl/"onmouseover="alert(1)')
    assert 'href="https://example.nl/"' in html
    assert 'onmouseover="' not in html


def test_windows_line_ends_and_empty_text():
    assert render_body("a\r\n\r\nb") == "<p>a</p><p>b</p>"
    assert render_body("") == ""
