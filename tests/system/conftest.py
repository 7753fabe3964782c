"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser), with axe-core.

Playwright's sync API runs an event loop in the test's thread, so Django is told that calling the ORM
from the test itself is safe here (the live server answers requests in its own thread).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, sync_playwright

from livingwell.team.models import StaffMember
from tests.factories import PASSWORD

CHROMIUM = os.environ.get("LIVINGWELL_CHROMIUM", "/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: `make test` installs Debian's chromium."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, settings: Any) -> Iterator[Page]:
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP on localhost
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def serious_accessibility_problems(page: Page) -> list[str]:
    """axe-core's serious and critical violations of WCAG 2.2 AA on the page as it is now."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def security_code(member: StaffMember) -> str:
    device = TOTPDevice.objects.get(user=member.user)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in_staff(page: Page, member: StaffMember) -> None:
    """On the staff sign-in page (opened directly, or by asking for a team page): both steps."""
    page.get_by_label("Username").fill(member.user.username)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Security code").fill(security_code(member))
    page.get_by_role("button", name="Sign in").click()


def screenshots(page: Page, name: str) -> None:
    """With LIVINGWELL_SCREENSHOTS=<folder>, keep the page at a desktop, tablet and phone width."""
    folder = os.environ.get("LIVINGWELL_SCREENSHOTS")
    if not folder:
        return
    for width in (1280, 768, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1100, "height": 900})


WIDTHS = (1280, 768, 390)


def sideways_scroll(page: Page) -> int:
    """How many pixels the page is wider than the window (WCAG 1.4.10 reflow wants none)."""
    width: int = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return width


# Every visible run of text, as the boxes its lines take up; then each pair of runs whose boxes
# overlap (a "Change" link over a value, a label over a label). Boxes of a pixel or two are the
# visually hidden words for screen readers, and are left out.
OVERLAPPING_TEXT = """() => {
  const hidden = new Map();
  const isHidden = (element) => {
    if (!element || element === document.body) return false;
    if (hidden.has(element)) return hidden.get(element);
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const answer = style.display === 'none' || style.visibility === 'hidden'
      || (style.clip && style.clip !== 'auto')
      || (style.clipPath && style.clipPath !== 'none')
      || ((box.width <= 1 || box.height <= 1) && style.overflow !== 'visible')
      || isHidden(element.parentElement);
    hidden.set(element, answer);
    return answer;
  };
  const runs = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const parent = node.parentElement;
    if (!parent || parent.closest('svg, script, style, [hidden], [aria-hidden="true"] svg')) continue;
    if (isHidden(parent) || parent.closest('details:not([open]) > :not(summary)')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const boxes = [...range.getClientRects()].filter(b => b.width > 2 && b.height > 2);
    if (boxes.length) runs.push({text: node.textContent.trim().slice(0, 40), boxes});
  }
  const found = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const hit = runs[i].boxes.some(a => runs[j].boxes.some(b =>
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2));
      if (hit) found.push(`"${runs[i].text}" and "${runs[j].text}"`);
    }
  }
  return found.slice(0, 5);
}"""


def overlapping_text(page: Page) -> list[str]:
    """Pairs of runs of text drawn over each other on the page as it is now."""
    found: list[str] = page.evaluate(OVERLAPPING_TEXT)
    return found


# Each "Change" link, and how far below it the next thing on the page starts: a link jammed
# against the words under it reads as part of them.
CHANGE_LINK_GAPS = """() => [...document.querySelectorAll('a.lw-change')].map(link => {
  const box = link.getBoundingClientRect();
  let holder = link.closest('.lw-section-heading') || link.parentElement;
  let next = holder.nextElementSibling;
  while (next && next.getBoundingClientRect().height === 0) next = next.nextElementSibling;
  return {text: link.textContent.trim(),
          gap: next ? next.getBoundingClientRect().top - box.bottom : null};
})"""

CHANGE_LINK_GAP = 8  # pixels


def crowded_change_links(page: Page) -> list[str]:
    """The "Change" links with less than CHANGE_LINK_GAP pixels before what comes under them."""
    gaps: list[dict[str, Any]] = page.evaluate(CHANGE_LINK_GAPS)
    return [
        f'"{g["text"]}" is {g["gap"]:.0f} px above what follows it'
        for g in gaps
        if g["gap"] is not None and g["gap"] < CHANGE_LINK_GAP
    ]


def fits_every_width(page: Page, name: str) -> None:
    """The page as it is now, at a desktop, tablet and phone width: no sideways scrolling, no text
    drawn over other text, and no serious or critical axe-core violation at any of them. Screenshots too, with LIVINGWELL_SCREENSHOTS."""
    folder = os.environ.get("LIVINGWELL_SCREENSHOTS")
    problems: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        # The NHS.UK header fits its navigation to the width in the next animation frame.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        extra = sideways_scroll(page)
        if extra > 0:
            problems.append(f"{name} at {width} px scrolls sideways by {extra} px")
        problems += [f"{name} at {width} px: {p}" for p in serious_accessibility_problems(page)]
        problems += [f"{name} at {width} px: {p} overlap" for p in overlapping_text(page)]
        problems += [f"{name} at {width} px: {p}" for p in crowded_change_links(page)]
        if folder:
            page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1100, "height": 900})
    assert not problems, "\n".join(problems)


OVERLAPPING_LABELS = """() => {
  const problems = [];
  document.querySelectorAll("svg.lw-chart").forEach((svg) => {
    if (!svg.checkVisibility()) return;
    const boxes = [...svg.querySelectorAll("text")]
      .map((t) => ({ text: t.textContent, box: t.getBBox() }))
      .filter((l) => l.text.trim() !== "");
    const width = svg.viewBox.baseVal.width;
    boxes.forEach((a, i) => {
      if (a.box.x < -0.5 || a.box.x + a.box.width > width + 0.5) {
        problems.push(`${svg.getAttribute("aria-labelledby")}: "${a.text}" runs off the chart`);
      }
      boxes.slice(i + 1).forEach((b) => {
        const apart = a.box.x + a.box.width <= b.box.x || b.box.x + b.box.width <= a.box.x
          || a.box.y + a.box.height <= b.box.y || b.box.y + b.box.height <= a.box.y;
        if (!apart) {
          problems.push(`${svg.getAttribute("aria-labelledby")}: "${a.text}" overlaps "${b.text}"`);
        }
      });
    });
  });
  return problems;
}"""


def overlapping_chart_labels(page: Page) -> list[str]:
    """Every chart's text labels as the browser lays them out: any two that overlap, or any that runs
    off the edge of its chart."""
    problems: list[str] = page.evaluate(OVERLAPPING_LABELS)
    return problems


def open_every_details(page: Page) -> None:
    """Open every <details>, so the tables inside are laid out (and measured) too."""
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
