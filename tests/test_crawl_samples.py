"""``scrapy demo``: the bundled sample sites crawled offline by the real site spiders."""

from crawlsupport import crawl


def test_demo_crawls_sample_sites_under_their_own_urls(tmp_path):
    result = crawl(["demo"], tmp_path, timeout=120)
    assert result.returncode == 0, result.log[-3000:]
    by_site: dict[str, list[dict]] = {}
    for item in result.items:
        by_site.setdefault(item["site"], []).append(item)
    # items keep the outlet's URLs, not the loopback server's
    assert all(i["url"].startswith("https://www.al-monitor.com/") for i in by_site["almonitor"])
    almonitor = {i["canonicalUrl"]: i for i in by_site["almonitor"]}
    assert all(u.startswith("https://www.al-monitor.com/originals/") for u in almonitor)
    assert len(almonitor) == 3  # the AMP twin and the utm_ links are exported once
    qusair = almonitor[
        "https://www.al-monitor.com/originals/2013/05/foreign-fighters-key-decisive-battle-qusair"
    ]
    assert qusair["headline"] == "Foreign Fighters Key To Decisive Battle of Qusair"
    assert qusair["access"] == "paywalled"
    assert (
        "Subscribe" not in qusair["articleBody"] and "Why Al-Monitor" not in qusair["articleBody"]
    )
    arabic = by_site["aljazeera_ar"]
    assert len(arabic) == 2
    assert all(i["url"].startswith("https://www.aljazeera.net/") for i in arabic)
    assert all(i["inLanguage"] == "ar" for i in arabic)
    ledger = by_site["www.levant-ledger.example"]
    assert len(ledger) == 5  # three listing pages and an Atom feed, nothing outside /world/
    assert all(i["url"].startswith("https://www.levant-ledger.example/world/") for i in ledger)
    # the demo prints where its files are
    assert "almonitor" in result.log or result.items
