"""Dashboard tests in real headless Chromium (Debian /usr/bin/chromium) via Playwright.

A real uvicorn server on a free localhost port serves a small hand-made database.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from test_web_api import N_EVENTS, SCRIPT_TEXT, build_web_db

from allegiance.web import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
#: Set ALLEGIANCE_SCREENSHOT=path.png to keep a screenshot of the dashboard.
SCREENSHOT = os.environ.get("ALLEGIANCE_SCREENSHOT")

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium to run browser tests",
                allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Any]]]:
    path = tmp_path_factory.mktemp("browser") / "web.duckdb"
    ids = build_web_db(path)
    port = _free_port()
    srv = uvicorn.Server(
        uvicorn.Config(create_app(str(path)), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, server: tuple[str, dict[str, Any]]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1360, "height": 1000})
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))  # type: ignore[attr-defined]
    pg.on("console", lambda msg: msg.type == "error" and pg.errors.append(msg.text))  # type: ignore[attr-defined]
    pg.goto(server[0] + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=15000)
    yield pg
    context.close()


ROWS = "#events-table tbody tr[data-id]"


def test_dashboard_loads_without_errors(page: Page) -> None:
    expect(page).to_have_title("Allegiance — political event dashboard")
    expect(page.locator("#stats dd").first).to_have_text(str(N_EVENTS))
    expect(page.locator("#events-count")).to_have_text(f"{N_EVENTS} events")
    expect(page.locator(ROWS)).to_have_count(25)
    expect(page.locator("#page-info")).to_have_text(f"1–25 of {N_EVENTS}")
    assert page.errors == []  # type: ignore[attr-defined]
    if SCREENSHOT:
        page.screenshot(path=SCREENSHOT, full_page=True)


def test_pagination(page: Page) -> None:
    first = page.locator(ROWS).first.get_attribute("data-id")
    page.click("#next")
    expect(page.locator("#page-info")).to_have_text(f"26–{N_EVENTS} of {N_EVENTS}")
    expect(page.locator(ROWS)).to_have_count(N_EVENTS - 25)
    assert page.locator(ROWS).first.get_attribute("data-id") != first
    expect(page.locator("#next")).to_be_disabled()


def test_filter_narrows_table(page: Page) -> None:
    page.fill("#f-actor", "BFA")
    page.click("#filters button[type=submit]")
    expect(page.locator("#events-count")).to_have_text("3 events")
    expect(page.locator(ROWS)).to_have_count(3)
    for row in page.locator(ROWS).all():
        assert "BFA" in row.inner_text()
    page.select_option("#f-type", "PROTEST")
    expect(page.locator(ROWS)).to_have_count(1)
    page.click("#f-reset")
    expect(page.locator("#events-count")).to_have_text(f"{N_EVENTS} events")
    page.select_option("#f-lang", "fr")
    expect(page.locator(ROWS)).to_have_count(2)
    expect(page.locator(ROWS + " td:nth-child(6)")).to_have_text(["fr", "fr"])


def test_row_opens_highlighted_evidence(page: Page, server: tuple[str, dict[str, Any]]) -> None:
    eid = server[1]["events"]["agree"]
    page.locator(f"{ROWS}[data-id='{eid}']").click()
    panel = page.locator("#evidence")
    expect(panel).to_be_visible()
    mark = page.locator("#evidence-text mark")
    # the article starts with a flag emoji (non-BMP): offsets must stay exact in JS
    expect(mark).to_have_text(
        "The Malian transitional government and Russia signed a defence cooperation "
        "agreement on Monday."
    )
    expect(mark).to_be_in_viewport()
    expect(page.locator("#ev-title")).to_have_text("Mali and Russia sign defence pact")
    link = page.locator("#ev-source a")
    expect(link).to_have_attribute("href", "https://news.example.org/mali-russia-pact")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()


def test_charts_render(page: Page) -> None:
    assert page.locator("#timeline svg rect.bar").count() >= 10
    assert page.locator("#map svg circle.place").count() == 3
    labels = sorted(page.locator("#map svg text.map-label").all_text_contents())
    assert labels == ["Bamako", "Niamey", "Ouagadougou"]
    assert page.locator("#map svg line.graticule").count() >= 8
    assert page.locator("#blocs svg circle.node").count() == 5
    assert page.locator("#blocs svg line.edge").count() >= 4
    assert page.locator("#dyad svg rect.bar").count() >= 24  # MLI-FRA by default
    assert page.locator("#alignment svg path.series").count() >= 2
    away = page.locator("#shifts li", has_text="MLI away from FRA from 2021-01")
    expect(away).to_have_count(1)
    away.locator("button.link").click()  # opens the strongest evidence after the shift
    expect(page.locator("#evidence-text mark")).to_contain_text("Malian officials condemned")
    page.click("#ev-close")
    page.select_option("#dyad-b", "RUS")
    expect(page.locator("#dyad svg rect.bar")).to_have_count(2)
    box = page.locator("#timeline svg").bounding_box()
    assert box and box["width"] > 600 and box["height"] > 100


def test_script_in_article_stays_inert(page: Page, server: tuple[str, dict[str, Any]]) -> None:
    page.fill("#f-actor", "BFA")
    page.select_option("#f-type", "PROTEST")
    expect(page.locator(ROWS)).to_have_count(1)
    row = page.locator(ROWS).first
    expect(row).to_contain_text("<script>window.__pwned=1</script>")
    row.click()
    text = page.locator("#evidence-text")
    expect(text).to_have_text(SCRIPT_TEXT)
    expect(page.locator("#evidence-text mark")).to_contain_text("<script>window.__pwned=1</script>")
    expect(page.locator("#ev-title")).to_have_text("Protest <b>outside</b> the embassy")
    assert page.locator("#evidence-text script, #evidence-text img, #ev-title b").count() == 0
    # javascript: URLs are never turned into links
    assert page.locator("#ev-source a").count() == 0
    expect(page.locator("#ev-source")).to_contain_text("javascript:alert(1)")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == []  # type: ignore[attr-defined]


def test_csp_blocks_injected_inline_script(page: Page) -> None:
    """Defence in depth: even a script element that got into the DOM would not run."""
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__pwned = 3'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
