"""Issue 12: the interface's translations. The catalogues in locale/ hold every
string of the code, each translated, and the compiled files Django reads say
the same as their sources (`make messages` keeps them so)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUES = ("az", "ru")
# Plural forms each language needs: Russian has "1 комментарий", "2 комментария",
# "5 комментариев", and (as Django's own catalogue) a fourth for fractions.
PLURALS = {"az": 2, "ru": 4}


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def label(entry) -> str:
    return f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_string_is_translated(language):
    po = catalogue(language)
    assert len(po) > 500, "the catalogue lost its strings"
    untranslated = [label(entry) for entry in po.untranslated_entries()]
    fuzzy = [label(entry) for entry in po.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{len(fuzzy)} marked fuzzy (a guess to check): {fuzzy[:20]}"


@pytest.mark.parametrize("language", CATALOGUES)
def test_plural_strings_have_every_form_the_language_needs(language):
    po = catalogue(language)
    assert f"nplurals={PLURALS[language]};" in po.metadata["Plural-Forms"].replace(" ", "")
    for entry in po:
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(n, "") for n in range(PLURALS[language])]
            assert all(forms), f"{label(entry)} lacks a plural form: {forms}"


@pytest.mark.parametrize("language", CATALOGUES)
def test_translations_keep_the_placeholders(language):
    """A translation that drops or misspells ``%(name)s`` or ``{{ name }}``
    breaks the page or loses the fact it carried."""
    placeholder = re.compile(
        r"%\([a-z_]+\)[sd]|%\([a-z_]+\)\.\d+f|%[sd]|\{\{ ?[a-z_.]+ ?\}\}|\{[a-z_]+\}"
    )
    for entry in catalogue(language):
        wanted = sorted(placeholder.findall(entry.msgid))
        if entry.msgid_plural:
            # The singular of a counted string may say "one" instead of the number.
            for n, text in entry.msgstr_plural.items():
                found = sorted(placeholder.findall(text))
                source = entry.msgid_plural if n else entry.msgid
                assert set(found) <= set(placeholder.findall(entry.msgid_plural)) | set(
                    placeholder.findall(source)
                ), f"{label(entry)} [{n}]: {text!r}"
        else:
            assert sorted(placeholder.findall(entry.msgstr)) == wanted, (
                f"{label(entry)}: {entry.msgstr!r}"
            )


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_compiled_catalogue_matches_its_source(language):
    po = catalogue(language)
    mo = polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in mo}
    for entry in po.translated_entries():
        found = compiled.get((entry.msgctxt, entry.msgid))
        assert found is not None, f"{label(entry)} is not compiled: run make messages"
        if entry.msgid_plural:
            assert found.msgstr_plural == entry.msgstr_plural, label(entry)
        else:
            assert found.msgstr == entry.msgstr, label(entry)


def test_the_catalogues_hold_every_string_of_the_code(tmp_path):
    """Extracting the strings again (as `make messages` does) finds none that
    the catalogues lack: a string added to a template or the code without a
    translation fails here."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("xgettext is missing in CI: .ci/run must install gettext")
        pytest.skip("needs xgettext (apt-get install -y gettext)")
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "__pycache__"),
        symlinks=True,
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-obsolete",
            "--no-location",
            "--ignore=tests",
            "--ignore=bench",
            "--ignore=deploy",
            "-l",
            "ru",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(copy / "locale" / "ru" / "LC_MESSAGES" / "django.po"))
    shipped = {(entry.msgctxt, entry.msgid) for entry in catalogue("ru")}
    missing = [label(entry) for entry in fresh if (entry.msgctxt, entry.msgid) not in shipped]
    assert not missing, f"new strings, run make messages and translate them: {missing[:20]}"
