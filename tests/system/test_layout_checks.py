"""The browser checks themselves can fail: text drawn over text, and a page wider than the window."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.system.conftest import overlapping_text, sideways_scroll

pytestmark = pytest.mark.system

PAGE = """<!doctype html><html lang="en"><body style="margin:0">
<dl style="display:flex;width:300px"><dt style="width:200px">A long value that runs on</dt>
<dd style="margin-left:-60px"><a href="#">Change</a></dd></dl>
<p><span style="position:absolute;clip:rect(0 0 0 0)">Hidden words</span>Shown words</p>
<details><summary>More</summary><p>Inside a closed details</p></details>
<p>Not over anything</p>
</body></html>"""


def test_text_over_text_is_found_and_hidden_text_is_not(page: Page) -> None:
    page.set_viewport_size({"width": 1000, "height": 600})
    page.set_content(PAGE)
    found = overlapping_text(page)
    assert found == ['"A long value that runs on" and "Change"']


def test_a_page_wider_than_the_window_is_found(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 600})
    page.set_content('<!doctype html><html lang="en"><body><div style="width:600px">Wide</div>')
    assert sideways_scroll(page) > 0
