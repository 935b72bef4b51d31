"""Canonical article URLs: one key for the same story under many URLs.

``canonical_url(url, declared)`` returns the URL newscrawl files an article
under. It takes the page's own ``rel=canonical``/``og:url`` when that points at
the same site, maps AMP and print versions to the article, drops tracking and
session parameters, and canonicalises the rest with w3lib (sorted query, no
fragment, lower-case host, no default port).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tldextract import TLDExtract
from w3lib.url import canonicalize_url

# Offline: the public suffix list snapshot bundled with tldextract, never a download.
_split_domain = TLDExtract(suffix_list_urls=(), cache_dir=None)

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ocid",
        "cmpid",
        "cmp",
        "ito",
        "ref_src",
        "ref_url",
        "smid",
        "smtyp",
        "sessionid",
        "session_id",
        "sid",
        "phpsessid",
        "jsessionid",
        "aspsessionid",
        "share",
        "src",
        "via",
        "ncid",
        "sr_share",
        "xtor",
        "at_medium",
        "at_campaign",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_", "oly_")
# Query parameters that only switch a page to its AMP or print rendering.
RENDERING_PARAMS = {
    "amp": None,
    "outputtype": {"amp"},
    "output": {"amp", "print"},
    "print": None,
    "view": {"print", "amp"},
    "printable": None,
}

_AMP_PATH = re.compile(r"(?:/amp/?$|\.amp$|/amp\.html?$|/print/?$|\.print$)", re.I)
_AMP_EXT = re.compile(r"\.amp(\.html?)$", re.I)
_AMP_PREFIX = re.compile(r"^/(?:amp|print)(?=/)", re.I)
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.I)


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def _is_rendering_param(name: str, value: str) -> bool:
    values = RENDERING_PARAMS.get(name.lower(), False)
    if values is False:
        return False
    return values is None or value.lower() in values


@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str:
    """``www.al-monitor.com`` -> ``al-monitor.com``; IPs and ``localhost`` unchanged."""
    host = (host or "").lower().rstrip(".")
    parts = _split_domain(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return host


def same_site(a: str, b: str) -> bool:
    """True when both URLs belong to one site (same registered domain and port)."""
    sa, sb = urlsplit(a), urlsplit(b)
    if not sa.hostname or not sb.hostname:
        return False
    try:
        if (sa.port or None) != (sb.port or None):
            return False
    except ValueError:
        return False
    if sa.hostname.rstrip(".") == sb.hostname.rstrip("."):  # (lower-cased by urlsplit)
        return True  # no suffix-list lookup: one costs about 0.1 ms on a new host
    return registered_domain(sa.hostname) == registered_domain(sb.hostname)


def strip_url(url: str) -> str:
    """Drop tracking/session/rendering parameters and AMP/print path forms."""
    parts = urlsplit(url.strip())
    path = _PATH_SESSION.sub("", parts.path)
    path = _AMP_PREFIX.sub("", path)
    path = _AMP_PATH.sub("", _AMP_EXT.sub(r"\1", path)) or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_param(k) and not _is_rendering_param(k, v)
    ]
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    default_port = {"http": ":80", "https": ":443"}.get(scheme)
    if default_port and netloc.endswith(default_port):
        netloc = netloc[: -len(default_port)]
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def canonical_url(url: str, declared: str | None = None) -> str:
    """The URL an article is filed under; see the module docstring.

    ``declared`` (the page's rel=canonical or og:url, made absolute) wins when
    it is an http(s) URL on the same site as ``url``; otherwise it is ignored,
    so a page cannot claim another site's article as its identity.
    """
    chosen = url
    if declared and declared.startswith(("http://", "https://")) and same_site(url, declared):
        chosen = declared
    return canonicalize_url(strip_url(chosen), keep_fragments=False)
