"""The plain snippet SQLite's search shows (articles/snippets.py), and the
conversion of PostgreSQL's marked headline to HTML."""

from articles.snippets import MARK_END, MARK_START, marked_html, plain_snippet, plain_text


def test_plain_snippet_shows_about_thirty_words_around_the_first_match():
    words = [f"w{n}" for n in range(100)]
    words[50] = "Harbour,"
    snippet = plain_snippet(" ".join(words), ["harbour"])
    assert snippet.startswith("… w42 ")
    assert "<mark>Harbour,</mark>" in snippet
    assert snippet.endswith("w71 …")
    assert len(snippet.split()) == 30 + 2


def test_plain_snippet_marks_every_matching_word_and_escapes_the_rest():
    text = plain_text("<b>Bold</b> & harbour", "<p>The HARBOURS &lt;i&gt; wall</p>")
    snippet = plain_snippet(text, ["harbour", "<i>"])
    assert snippet == (
        "&lt;b&gt;Bold&lt;/b&gt; &amp; <mark>harbour</mark> The <mark>HARBOURS</mark> "
        "<mark>&lt;i&gt;</mark> wall"
    )


def test_plain_snippet_without_a_match_is_the_start_of_the_text():
    assert plain_snippet("one two three", ["zzz"], words=2) == "one two …"


def test_marked_html_escapes_the_text_and_cannot_be_forged():
    text = f"a &lt;script&gt; &#57344;x{MARK_START}harbour{MARK_END} <b>{MARK_END}{MARK_START}"
    assert marked_html(text) == (
        "a &lt;script&gt; \ue000x<mark>harbour</mark> &lt;b&gt;<mark></mark>"
    )
