"""The actor knowledge base: loading, layering, validation, lookup, inter codes."""
from __future__ import annotations

from pathlib import Path

import pytest

from rasd import kb
from rasd.kb import generic_actor, inter_code


@pytest.fixture(scope="module")
def base():
    return kb.load()


def test_builtin_base_validates(base):
    problems = kb.validate(base)
    assert problems == [], "\n".join(str(p) for p in problems)


def test_coverage_counts(base):
    st = base.stats()
    assert st["actors"] >= 200
    assert st["actor_surface_forms"] >= 800
    for cc in ("SY", "IQ", "YE", "LY", "LB", "IL", "PS", "EG", "SD", "SO"):
        assert st["by_country"].get(cc, 0) >= 3, cc


@pytest.mark.parametrize("ref,name", [
    ("actor:saa", "Military Forces of Syria"),
    ("actor:hts", "Hayat Tahrir al-Sham"),
    ("actor:is", "Islamic State"),
    ("actor:tip", "Turkistan Islamic Party"),
    ("actor:sdf", "Syrian Democratic Forces"),
    ("actor:houthis", "Houthis (Ansar Allah)"),
    ("actor:state-tr", "Turkey"),
    ("actor:mil-ru", "Military Forces of Russia"),
])
def test_canonical_names(base, ref, name):
    assert base.get(ref).name == name


def test_predecessor_links(base):
    assert base.get("actor:jund-aqsa").successor == "actor:ansar-tawhid"
    assert base.get("actor:ansar-tawhid").predecessor == "actor:jund-aqsa"
    assert base.get("actor:hts").predecessor in ("actor:nusra", "actor:jfs")


@pytest.mark.parametrize("surface,ref,prefix", [
    ("الدواعش", "actor:is", ""),
    ("والدواعش", "actor:is", "و"),
    ("لداعش", "actor:is", "ل"),
    ("قسد", "actor:sdf", ""),
    ("الجيش السوري", "actor:saa", ""),
    ("للجيش السوري", "actor:saa", "ل"),
    ("وبالجيش العربي السوري", "actor:saa", "وب"),
    ("قوات النظام", "actor:saa", ""),
    ("القوات الحكومية السورية", "actor:saa", ""),
    ("الطيران الحربي السوري", "actor:saa", ""),
    ("الطيران الروسي", "actor:mil-ru", ""),
    ("تركيا", "actor:state-tr", ""),
    ("الحوثيين", "actor:houthis", ""),
    ("حزب الله", "actor:hezbollah", ""),
])
def test_lookup(base, surface, ref, prefix):
    r = base.lookup(surface)
    assert ref in r.actor_ids, (surface, r)
    assert r.prefix == prefix


def test_lookup_explains_generated_forms(base):
    r = base.lookup("الجيش التركي")
    assert r.actor_ids == ["actor:mil-tr"]
    assert any("template" in f.origin for f in r.forms)


def test_lookup_unknown(base):
    assert not base.lookup("كلمة لا تعني شيئا").found


@pytest.mark.parametrize("ref,country,inter", [
    ("actor:saa", "SY", 1),
    ("actor:mil-tr", "SY", 8),  # Turkish forces in Syria
    ("actor:mil-tr", "TR", 1),
    ("actor:mil-ru", "SY", 8),
    ("actor:hts", "SY", 2),
    ("actor:ndf", "SY", 3),
    ("actor:generic-unidentified", "LY", 3),
    ("actor:generic-protesters", "IQ", 6),
    ("actor:generic-civilians", "YE", 7),
    ("actor:saudi-coalition", "YE", 8),
])
def test_inter_code(base, ref, country, inter):
    assert inter_code(base.get(ref), country) == inter
    assert inter_code(ref, country, kb=base) == inter


def test_inter_code_home_when_country_unknown(base):
    assert inter_code(base.get("actor:mil-ru"), None) == 1


def test_generic_actor_names(base):
    assert generic_actor("civilians", "IQ") == ("Civilians (Iraq)", 7)
    assert generic_actor("actor:generic-unidentified", "SY") == ("Unidentified Armed Group (Syria)", 3)
    assert generic_actor("protesters", "LB") == ("Protesters (Lebanon)", 6)
    assert generic_actor("opposition", "SY")[0] == "Syrian opposition armed groups"
    assert generic_actor("civilians", None)[0] == "Civilians"
    with pytest.raises(KeyError):
        generic_actor("martians", "SY")


def test_user_dir_layered_on_top(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text(
        "actors:\n"
        "  - id: actor:test-brigade\n"
        "    name: Test Brigade\n"
        "    name_ar: لواء الاختبار\n"
        "    type: rebel\n"
        "    country: SY\n"
        "    aliases: [كتيبة الاختبار]\n"
        "  - id: actor:hts\n"
        "    name: HTS (renamed by user)\n"
        "    name_ar: هيئة تحرير الشام\n"
        "    type: rebel\n"
        "    country: SY\n", encoding="utf-8")
    user = kb.load([tmp_path])
    assert user.get("actor:test-brigade").name == "Test Brigade"
    assert user.lookup("وكتيبة الاختبار").actor_ids == ["actor:test-brigade"]
    assert user.get("actor:hts").name == "HTS (renamed by user)"
    assert kb.load().get("actor:hts").name == "Hayat Tahrir al-Sham"  # built-in untouched
    assert kb.version([tmp_path]) != kb.version()


def test_validate_reports_duplicates_and_dangling(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text(
        "actors:\n"
        "  - id: actor:copycat\n"
        "    name: Copycat\n"
        "    name_ar: المقلدون\n"
        "    type: rebel\n"
        "    aliases: [قسد]\n"
        "    successor: actor:does-not-exist\n"
        "  - id: actor:broken\n"
        "    name: Broken\n"
        "    type: not_a_type\n", encoding="utf-8")
    problems = kb.validate(kb.load([tmp_path]))
    codes = {p.code for p in problems}
    assert {"duplicate_alias", "dangling_link", "schema"} <= codes
    dup = next(p for p in problems if p.code == "duplicate_alias")
    assert set(dup.ids) == {"actor:copycat", "actor:sdf"}


def test_version_is_stable():
    assert kb.version() == kb.version()
    assert len(kb.version()) == 12
