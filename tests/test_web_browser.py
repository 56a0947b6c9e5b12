"""The web page in a real headless Chromium (Debian's chromium + chromium-driver, selenium).

The app runs on 127.0.0.1 on a free port over a store of hand-made records
(``rasd.web.demo``) plus one hostile article; the tests filter by type, brush the
timeline, open an event and compare the highlighted evidence with the record's
``text[start:end]``, and prove that markup inside an article never executes.
"""
from __future__ import annotations

import pytest

from rasd.web.browser import chromium_missing

REASON = chromium_missing()
pytestmark = [pytest.mark.browser, pytest.mark.skipif(REASON is not None, reason=f"browser tests need headless Chromium: {REASON}")]

from rasd.web.demo import Article, EventSpec, Mention, build, sample_documents  # noqa: E402

PAYLOAD_SCRIPT = "<script>window.__xss = 1; document.title = 'pwned';</script>"
PAYLOAD_IMG = "<img src=x onerror=\"window.__xss = 2; document.title = 'pwned'\">"


def hostile_document():
    body = (f"قالت مصادر محلية إن مسلحين هاجموا حاجزا في بلدة الصنمين {PAYLOAD_SCRIPT} بريف درعا الشمالي "
            f"وقتلوا عنصرين {PAYLOAD_IMG} من قوات النظام.")
    art = Article(
        doc_id="hostile", outlet="Hostile <b>Outlet</b>", published="2020-01-10",
        title=f"هجوم على حاجز {PAYLOAD_IMG}",
        body=body,
        mentions=[Mention("الصنمين", "LOCATION"), Mention(PAYLOAD_SCRIPT, "ACTOR"), Mention("قوات النظام", "ACTOR", "actor:saa")],
        events=[EventSpec(f"مسلحين هاجموا حاجزا في بلدة الصنمين {PAYLOAD_SCRIPT} بريف درعا الشمالي وقتلوا عنصرين {PAYLOAD_IMG}",
                          "Violence against civilians", "Attack", "2020-01-09",
                          (None, f"Unidentified {PAYLOAD_IMG}", f"مسلحين {PAYLOAD_SCRIPT}", 3), None,
                          ("Sanamayn", f"الصنمين {PAYLOAD_IMG}", "Syria", "SY", "Dara'a", 33.07, 36.18, 1), fatalities=2)],
    )
    return build(art)


@pytest.fixture(scope="module")
def docs():
    return sample_documents() + [hostile_document()]


@pytest.fixture(scope="module")
def site(tmp_path_factory, docs):
    from rasd.api import create_app
    from rasd.pipeline import Config, Pipeline
    from rasd.store import Store
    from rasd.web.browser import serve_in_thread

    path = tmp_path_factory.mktemp("web") / "rasd.duckdb"
    st = Store(path)
    st.add_documents(docs)
    st.close()
    app = create_app(path, pipeline=Pipeline(Config(components=())))
    with serve_in_thread(app) as url:
        yield url
    app.state.store.close()


@pytest.fixture(scope="module")
def browser():
    from rasd.web.browser import chromium

    with chromium() as d:
        yield d


def load(browser, url, hash_=""):
    from rasd.web.browser import wait_for

    browser.get(url + "/" + hash_)
    wait_for(browser, lambda d: d.execute_script("return document.body.getAttribute('data-ready') || document.body.getAttribute('data-error')"),
             what="the page to load")
    assert browser.execute_script("return document.body.getAttribute('data-error')") is None
    return browser


def rows(browser):
    return browser.execute_script(
        "return [...document.querySelectorAll('#event-list tbody tr')].map(r => "
        "({doc: r.dataset.doc, id: r.dataset.event, type: r.dataset.type, date: r.cells[0].textContent}))")


def exported(docs):
    return [(d, e) for d in docs for e in d.events if e.modality in ("asserted", "claimed")]


def test_map_shows_all_events_and_filter_by_type(site, browser, docs):
    from selenium.webdriver.support.ui import Select

    from rasd.web.browser import wait_for

    load(browser, site)
    assert len(rows(browser)) == len(exported(docs))
    on_map = sum(1 for _, e in exported(docs) if e.location and e.location.latitude is not None)
    assert f"({on_map} on the map)" in browser.find_element("id", "status").text
    # markers (or clusters of them) are drawn over the offline basemap
    wait_for(browser, lambda d: d.execute_script("return document.querySelectorAll('.leaflet-overlay-pane path').length") > 50,
             what="the Natural Earth basemap")
    assert browser.execute_script("return document.querySelectorAll('.marker-cluster, .leaflet-interactive').length") > 0

    Select(browser.find_element("id", "f-type")).select_by_value("Battles")
    expected = sorted(e.id for _, e in exported(docs) if e.event_type == "Battles")
    wait_for(browser, lambda d: sorted(r["id"] for r in rows(d)) == expected, what="only Battles listed")
    assert {r["type"] for r in rows(browser)} == {"Battles"}
    Select(browser.find_element("id", "f-type")).select_by_value("")
    wait_for(browser, lambda d: len(rows(d)) == len(exported(docs)), what="the filter to clear")


def test_admin1_filter(site, browser, docs):
    from selenium.webdriver.support.ui import Select

    from rasd.web.browser import wait_for

    load(browser, site)
    Select(browser.find_element("id", "f-admin1")).select_by_value("Idlib")
    expected = sorted(e.id for _, e in exported(docs) if e.location.admin1 == "Idlib")
    wait_for(browser, lambda d: sorted(r["id"] for r in rows(d)) == expected, what="only Idlib events")


def test_timeline_brush_filters_the_map(site, browser, docs):
    from selenium.webdriver.common.action_chains import ActionChains

    from rasd.web.browser import wait_for

    load(browser, site)
    before = len(rows(browser))
    svg = browser.find_element("id", "timeline")
    w = svg.size["width"]
    # drag over the right third of the timeline (offsets are from the element's centre)
    ActionChains(browser).move_to_element_with_offset(svg, int(w * 0.15), 0).click_and_hold() \
        .move_by_offset(int(w * 0.3), 0).release().perform()
    label = wait_for(browser, lambda d: d.find_element("id", "brush-label").text, what="a brushed period")
    a, b = [x.strip() for x in label.split("→")]
    got = rows(browser)
    assert 0 < len(got) < before
    assert all(a <= r["date"] <= b for r in got)
    dated = [e for _, e in exported(docs) if e.event_date and a <= e.event_date <= b]
    assert len(got) == len(dated)
    browser.find_element("id", "brush-clear").click()
    wait_for(browser, lambda d: len(rows(d)) == before, what="the brush to clear")


def test_open_event_highlights_exact_evidence(site, browser, docs):
    from rasd.web.browser import wait_for

    load(browser, site)
    d, ev = next((d, e) for d, e in exported(docs) if d.doc_id == "demo-idlib" and e.event_type == "Battles")
    row = browser.find_element("css selector", f"#event-list tr[data-event='{ev.id}']")
    row.click()
    mark = wait_for(browser, lambda b: b.find_element("id", "evidence"), what="the evidence highlight")
    text = browser.execute_script("return arguments[0].textContent", mark)
    assert text == d.text[ev.evidence.start:ev.evidence.end]
    art = browser.find_element("id", "article-text")
    assert browser.execute_script("return arguments[0].textContent", art) == d.text
    assert art.get_attribute("dir") == "rtl"
    # every entity inside the evidence is highlighted with its own text
    spans = browser.execute_script(
        "return [...document.querySelectorAll('#article-text .ent')].map(s => [s.dataset.ids, s.textContent])")
    by_id = {e.id: e for e in d.entities}
    for ids, t in spans:
        for i in ids.split():
            assert t in by_id[i].text
    fields = browser.find_element("id", "event-fields").text
    assert ev.actor1.name in fields and ev.location.name in fields and ev.location.name_ar in fields


def test_hostile_article_does_not_execute(site, browser, docs):
    from rasd.web.browser import wait_for

    load(browser, site)
    title = browser.title
    hostile = docs[-1]
    ev = hostile.events[0]
    browser.find_element("css selector", f"#event-list tr[data-event='{ev.id}']").click()
    mark = wait_for(browser, lambda b: b.find_element("id", "evidence"), what="the hostile article")
    # the markup is shown as text, exactly
    assert browser.execute_script("return arguments[0].textContent", mark) == hostile.text[ev.evidence.start:ev.evidence.end]
    assert PAYLOAD_SCRIPT in browser.find_element("id", "article-text").text
    # hover the marker tooltip path too: open the map popup content by rendering tooltips
    browser.execute_script("document.querySelectorAll('.leaflet-interactive').forEach(m => m.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))")
    assert browser.execute_script("return window.__xss") is None
    assert browser.title == title and "pwned" not in browser.title
    assert browser.execute_script("return document.querySelectorAll('#side img, #event-list img, #side script, #event-list script').length") == 0


def test_actor_page_graph_and_months(site, browser, docs):
    from rasd.web.browser import wait_for

    load(browser, site, "#/actor/actor:hts")
    graph = wait_for(browser, lambda b: b.find_element("id", "graph"), what="the relations graph")
    labels = browser.execute_script("return [...arguments[0].querySelectorAll('text')].map(t => t.textContent)", graph)
    assert "Jabhat al-Nusra" in labels and "front_for" in labels
    bars = browser.execute_script("return document.querySelectorAll('#months rect.bar').length")
    assert bars >= 1


def test_swagger_ui_renders_offline(site, browser):
    from rasd.web.browser import wait_for

    browser.get(site + "/docs")
    wait_for(browser, lambda b: "/events" in b.find_element("id", "swagger-ui").text, what="Swagger UI", timeout=30)
