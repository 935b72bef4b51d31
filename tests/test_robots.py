"""robots.txt: rules are obeyed, and a robots.txt that errors means "disallow"."""

import pytest
from conftest import LoopbackSite
from crawlsupport import crawl

ARTICLE = """<!DOCTYPE html>
<!-- Written for newscrawl tests, in the shape of a news site's article markup. -->
<html lang="en"><head><title>Port reopens after storm</title>
<meta property="og:type" content="article"></head><body><article>
<h1>Port reopens after storm</h1>
<p>The port reopened on Monday after a storm closed it for three days, officials said,
and the first ships began unloading grain and fuel by the afternoon.</p>
<p>Harbour workers cleared debris overnight, and the authority said damage to the
main quay was lighter than feared, though one crane will stay out of use for weeks.</p>
<p>Traders said prices of flour and diesel had risen during the closure and expected them
to ease as deliveries resume over the coming days across the region.</p>
</article></body></html>"""


def build_site(root):
    (root / "news" / "2024" / "05").mkdir(parents=True)
    (root / "news" / "2024" / "05" / "port-reopens-after-storm.html").write_text(ARTICLE)
    (root / "news" / "index.html").write_text(
        '<html><body><a href="/news/2024/05/port-reopens-after-storm.html">Port</a></body></html>'
    )


@pytest.mark.parametrize(
    ("status", "fetched", "exit_code"),
    [(503, False, 3), (500, False, 3), (404, True, 0)],
)
def test_robots_txt_server_error_disallows_but_missing_robots_allows(
    tmp_path, status, fetched, exit_code
):
    build_site(tmp_path / "site")
    site = LoopbackSite(tmp_path / "site")
    site.override("/robots.txt", status=status, body=b"<html>error</html>")
    with site:
        result = crawl(["crawl", "news", "-a", f"url={site.url}/news/"], tmp_path)
    article_hits = [h for h in site.hits if h.startswith("/news/2024/")]
    assert bool(article_hits) is fetched
    assert len(result.items) == int(fetched)
    assert result.returncode == exit_code, result.log[-2000:]
    if not fetched:
        assert result.stat("newscrawl/robots/server_error") == 1
        assert f"robots.txt answered {status}: treating {site.url} as disallowed" in result.log
