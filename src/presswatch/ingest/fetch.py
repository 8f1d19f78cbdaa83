"""Fetching URLs safely: http(s) only, public addresses only, bounded time, size, redirects.

Article text is untrusted and so are the URLs in feeds: every hop of a redirect is
checked again, so a public page cannot bounce us into the local network.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from presswatch.errors import InputError
from presswatch.settings import Settings


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    body: bytes


def check_url_allowed(url: str, settings: Settings) -> None:
    """Raise InputError unless the URL is http(s) to a public address (or private is allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(
            url, f"only http and https URLs are fetched (not {parts.scheme or 'none'})"
        )
    host = parts.hostname
    if not host:
        raise InputError(url, "URL has no host")
    if settings.allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as error:
        raise InputError(url, f"host not found ({host})") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise InputError(
                url, f"refused private address {address} (use --allow-private to permit)"
            )


def fetch_url(url: str, settings: Settings) -> Fetched:
    """GET a URL within the limits of `settings`; InputError with the reason otherwise."""
    current = url
    timeout = httpx.Timeout(settings.fetch_timeout)
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": (
            "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "application/xml;q=0.9,*/*;q=0.5"
        ),
    }
    with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers) as client:
        for _hop in range(settings.fetch_max_redirects + 1):
            check_url_allowed(current, settings)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise InputError(
                                url, f"redirect without a location ({response.status_code})"
                            )
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise InputError(url, f"HTTP {response.status_code}")
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > settings.fetch_max_bytes:
                        raise InputError(
                            url, f"too large ({declared} bytes > {settings.fetch_max_bytes})"
                        )
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > settings.fetch_max_bytes:
                            raise InputError(
                                url, f"too large (over {settings.fetch_max_bytes} bytes)"
                            )
                    content_type = response.headers.get("content-type", "").split(";")[0].strip()
                    return Fetched(url=current, content_type=content_type.lower(), body=bytes(body))
            except httpx.TimeoutException as error:
                raise InputError(url, f"timed out after {settings.fetch_timeout:g} s") from error
            except httpx.HTTPError as error:
                raise InputError(url, f"fetch failed ({type(error).__name__}: {error})") from error
    raise InputError(url, f"more than {settings.fetch_max_redirects} redirects")
