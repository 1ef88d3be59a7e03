"""The portal, crawled as the demo owner and tenant click it: every page reachable from /my.

Generic by construction: no page is listed here. From /my, every same-site link (the href of
an <a>, the action of a GET form) is followed breadth-first, each URL once, so that a new page
linked from the portal is covered without a new test. Each page must answer 200 and, for the
Chinese users, show no English word (beyond the names allowed in test_chinese_screens:
Odoo, PDF, MB, KB, Copyright); a PDF must be a PDF.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import html

from odoo.tests import HttpCase, tagged

from ..core.test_chinese_screens import english_words, load_chinese

PORTAL_LOGINS = ("owner", "tenant")
# Pages per user, and variants of one path (sortings, filters, groupings, pages of a list):
# enough for the demo several times over, bounded if a page links to ever new queries.
MAX_PAGES = 300
MAX_VARIANTS_PER_PATH = 12
# Not pages of the portal: the web client and Odoo's own machinery (/web/...: login, assets,
# attachments' downloads, images), the logout link, and language switches.
SKIPPED_PATHS = re.compile(r"^/(web|odoo|websocket|mail/view|longpolling)(/|$)|/logout\b")
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:")
# Data, not words: ticket, work-order and parcel numbers, unit and estate codes (e.g. "3栋502",
# "WO2026/0012", "CH-1-101"), file names, and amounts with their currency code.
PORTAL_DATA = (
    re.compile(r"\b[A-Za-z]{1,6}[-/]?\d[\w/.-]*"),
    re.compile(r"[\w.-]+\.(?:png|jpe?g|gif|webp|pdf)\b", re.IGNORECASE),
    re.compile(r"\bCNY\b"),
    # The author of Odoo's automatic messages (a name, like a person's).
    re.compile(r"\bOdooBot\b"),
)

# Not shown to the user: scripts and styles, elements hidden at every width (Bootstrap's
# d-none without a d-*-block at some width: e.g. the two-factor wizard's source that the
# security page keeps for its script), and the provinces of foreign countries offered in the
# address form (place names, which Odoo does not translate) and the names of the e-invoicing
# standards offered there ("BIS Billing 3.0", "XRechnung CIUS": names, shown as such in every
# language).
NOT_SHOWN = (
    "//script | //style | //noscript | //head | //template"
    " | //*[contains(concat(' ', @class, ' '), ' d-none ')"
    "    and not(contains(@class, '-block') or contains(@class, '-flex')"
    "    or contains(@class, '-inline') or contains(@class, '-table'))]"
    " | //select[@name='state_id']/option | //select[@name='invoice_edi_format']/option"
)


@tagged("post_install", "-at_install")
class TestPortalCrawl(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = cls.env["res.users"].search([("login", "in", PORTAL_LOGINS)])
        if len(cls.users) != len(PORTAL_LOGINS):
            return
        load_chinese(cls.env)
        cls.users.lang = "zh_CN"

    def setUp(self):
        super().setUp()
        if len(self.users) != len(PORTAL_LOGINS):
            self.skipTest("installed without demo data")

    # Links ----------------------------------------------------------------------------------

    def _same_site_url(self, url, page_url):
        if not url or url.startswith(SKIPPED_SCHEMES) or url.startswith("#"):
            return None
        absolute, _fragment = urldefrag(urljoin(page_url, url.strip()))
        parts = urlsplit(absolute)
        if parts.netloc != urlsplit(self.base_url()).netloc:
            return None
        if SKIPPED_PATHS.search(parts.path):
            return None
        return absolute

    def _links(self, tree, page_url):
        # What the page links to or shows inside itself (an invoice is shown in an iframe).
        hrefs = tree.xpath("//a/@href | //iframe/@src")
        hrefs += tree.xpath(
            "//form[not(@method) or translate(@method, 'GET', 'get') = 'get']/@action"
        )
        urls = (self._same_site_url(href, page_url) for href in hrefs)
        return [url for url in urls if url]

    # Words ----------------------------------------------------------------------------------

    def _words(self, tree, login):
        for node in tree.xpath(NOT_SHOWN):
            node.drop_tree()
        texts = tree.xpath("//body//text()")
        texts += tree.xpath("//body//@placeholder | //body//@title | //body//@aria-label")
        texts += tree.xpath("//body//input[@type='submit' or @type='button']/@value")
        cleaned = []
        for text in texts:
            text = text.replace(login, " ")  # "copy your login" on the security page
            for pattern in PORTAL_DATA:
                text = pattern.sub(" ", text)
            cleaned.append(text)
        return english_words(cleaned)

    # Crawl ----------------------------------------------------------------------------------

    def _check_page(self, login, url, failures):
        """The links of the page at `url`; its problems appended to `failures`."""
        response = self.url_open(url, timeout=60)
        if response.status_code != 200:
            failures.append(f"HTTP {response.status_code}")
            return []
        final_path = urlsplit(response.url).path
        if SKIPPED_PATHS.search(final_path):
            failures.append(f"sent to {final_path}")
            return []
        content_type = response.headers.get("Content-Type", "")
        # Under test, Odoo renders a PDF report as its HTML (no wkhtmltopdf): read it as such.
        is_pdf = "application/pdf" in content_type
        if is_pdf and response.content.startswith(b"%PDF"):
            return []
        if not response.content.lstrip().startswith(b"<"):
            failures.append(f"neither a page nor a PDF ({content_type})")
            return []
        if not (is_pdf or "text/html" in content_type):
            failures.append(f"neither a page nor a PDF ({content_type})")
            return []
        tree = html.fromstring(response.content)
        links = [] if is_pdf else self._links(tree, response.url)
        for text in sorted(set(self._words(tree, login).values())):
            failures.append(f"English: {text!r}")
        return links

    def _crawl(self, login):
        """{problem: [(url, linked from)]} of the pages `login` reaches, and their number."""
        self.authenticate(login, login)
        start = urljoin(self.base_url(), "/my")
        queue, seen, variants = deque([(start, "login")]), {start}, {}
        failures, visited = {}, 0
        while queue and visited < MAX_PAGES:
            url, referrer = queue.popleft()
            visited += 1
            problems = []
            for link in self._check_page(login, url, problems):
                path = urlsplit(link).path
                if link in seen or variants.get(path, 0) >= MAX_VARIANTS_PER_PATH:
                    continue
                seen.add(link)
                variants[path] = variants.get(path, 0) + 1
                queue.append((link, url))
            for problem in problems:
                failures.setdefault(problem, []).append((url, referrer))
        if queue:
            failures[f"more than {MAX_PAGES} pages, {len(queue)} left unvisited"] = [("", "")]
        return failures, visited

    def _report(self, login, failures):
        """One line per problem: the user, the first page with it and where it was linked
        from, and how many other pages show the same."""
        base = self.base_url()
        lines = []
        for problem, pages in failures.items():
            (url, referrer), others = pages[0], len(pages) - 1
            where = f"{url.removeprefix(base)} (linked from {referrer.removeprefix(base)})"
            more = f" [and {others} other pages, e.g. {pages[-1][0].removeprefix(base)}]"
            lines.append(f"{login}: {where}: {problem}{more if others else ''}")
        return lines

    def test_portal_crawl(self):
        lines, visited = [], {}
        for login in PORTAL_LOGINS:
            failures, visited[login] = self._crawl(login)
            lines += self._report(login, failures)
        self.assertFalse(
            lines, f"{len(lines)} portal failures (pages visited: {visited}):\n" + "\n".join(lines)
        )
        for login, count in visited.items():
            self.assertGreater(count, 5, f"{login} reached too few pages")
