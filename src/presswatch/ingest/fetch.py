"""Fetching URLs safely: http(s) only, public addresses only, bounded time, size, redirects.

Article text is untrusted and so are the URLs in feeds: every hop of a redirect is
checked again, so a public page cannot bounce us into the local network, and the
connection itself goes to an address that was checked (not to a second DNS answer a
hostile name server gives after the check).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from presswatch.errors import InputError
from presswatch.settings import Settings


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    body: bytes
    charset: str | None = None


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address the host name resolves to (a literal IP resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # IPv6 link-local results carry a scope ("fe80::1%eth0") that ip_address rejects.
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def is_public_address(address: IPAddress) -> bool:
    """Whether an address is on the public internet (not private, loopback, link-local…)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback in disguise
    return address.is_global and not address.is_multicast


def check_url_allowed(url: str, settings: Settings) -> None:
    """Raise InputError unless the URL is http(s) to a public address (or private is allowed).

    Every resolved address must be public: a host that resolves to both a public and a
    private address could be connected to either.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(
            url, f"only http and https URLs are fetched (not {parts.scheme or 'none'})"
        )
    try:
        host, port = parts.hostname, parts.port
    except ValueError as error:
        raise InputError(url, f"invalid URL ({error})") from error
    if not host:
        raise InputError(url, "URL has no host")
    if settings.allow_private:
        return
    try:
        addresses = resolve_host(host, port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as error:
        raise InputError(url, f"host not found ({host})") from error
    for address in addresses:
        if not is_public_address(address):
            raise InputError(
                url, f"refused private address {address} (use --allow-private to permit)"
            )


class RefusedAddress(Exception):
    """A connection was about to go to an address outside the public internet."""


class PublicOnlyBackend(httpcore.SyncBackend):
    """Connects only to checked public addresses, to the very address that was checked."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve_host(host, port)
        except (OSError, UnicodeError) as error:
            raise httpcore.ConnectError(f"host not found ({host})") from error
        for address in addresses:
            if not is_public_address(address):
                raise RefusedAddress(str(address))
        # TLS still verifies the certificate against the host name (httpcore passes the
        # URL's host to start_tls), so connecting by address loses nothing.
        return super().connect_tcp(str(addresses[0]), port, timeout, local_address, socket_options)


def _client(settings: Settings, headers: dict[str, str]) -> httpx.Client:
    timeout = httpx.Timeout(settings.fetch_timeout)
    if settings.allow_private:
        return httpx.Client(timeout=timeout, follow_redirects=False, headers=headers)
    transport = httpx.HTTPTransport()
    # httpx has no option for the network backend; its pool is replaced by an identical
    # one that connects through PublicOnlyBackend.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), network_backend=PublicOnlyBackend()
    )
    return httpx.Client(
        timeout=timeout, follow_redirects=False, headers=headers, transport=transport
    )


def fetch_url(url: str, settings: Settings) -> Fetched:
    """GET a URL within the limits of `settings`; InputError with the reason otherwise."""
    current = url
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": (
            "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "application/xml;q=0.9,*/*;q=0.5"
        ),
    }
    with _client(settings, headers) as client:
        for hop in range(settings.fetch_max_redirects + 1):
            try:
                check_url_allowed(current, settings)
            except InputError as error:
                if hop == 0:
                    raise
                raise InputError(url, f"redirected to {current}: {error.reason}") from error
            try:
                # httpx times each read; a server dripping a byte at a time would pass
                # every read, so a whole response gets the same time once more at most.
                deadline = time.monotonic() + settings.fetch_timeout
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
                        if time.monotonic() > deadline:
                            raise httpx.ReadTimeout("response too slow", request=response.request)
                        if len(body) > settings.fetch_max_bytes:
                            raise InputError(
                                url, f"too large (over {settings.fetch_max_bytes} bytes)"
                            )
                    content_type = response.headers.get("content-type", "").split(";")[0]
                    return Fetched(
                        url=current,
                        content_type=content_type.strip().lower(),
                        body=bytes(body),
                        charset=response.charset_encoding,
                    )
            except RefusedAddress as error:
                reason = f"refused private address {error} (use --allow-private to permit)"
                raise InputError(
                    url, reason if hop == 0 else f"redirected to {current}: {reason}"
                ) from error
            except httpx.TimeoutException as error:
                raise InputError(url, f"timed out after {settings.fetch_timeout:g} s") from error
            except httpx.HTTPError as error:
                detail = " ".join(str(error).split()) or type(error).__name__
                raise InputError(url, f"fetch failed ({detail})") from error
    raise InputError(url, f"more than {settings.fetch_max_redirects} redirects")
