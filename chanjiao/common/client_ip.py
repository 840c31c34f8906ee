"""The client's address: REMOTE_ADDR, or X-Forwarded-For when the request came through our proxy.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only when the
direct peer (REMOTE_ADDR) is one of the proxies the deployment names in
``CHANJIAO_TRUSTED_PROXIES`` (addresses or CIDR networks, comma separated; empty by default). The
chain is then read from the right: each trusted proxy appended the address it received the
request from, so the right-most address that is not one of our proxies is the client. Anything
to its left was written by the client itself and is ignored.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(configured: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in configured if item)


def trusted_proxy_networks() -> tuple[Network, ...]:
    """Return the networks of ``CHANJIAO_TRUSTED_PROXIES`` (read each time: tests change it)."""
    return _networks(tuple(getattr(settings, "CHANJIAO_TRUSTED_PROXIES", ()) or ()))


def _parse(value: str) -> Address | None:
    text = value.strip().strip('"')
    if text.startswith("["):  # "[2001:db8::1]:443"
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_ip_from(
    remote_addr: str | None, forwarded_for: str | None, networks: tuple[Network, ...]
) -> str | None:
    """Return the client address for a peer address and an X-Forwarded-For value."""
    peer = _parse(remote_addr or "")
    if peer is None:
        return remote_addr or None
    if not networks or not _trusted(peer, networks) or not forwarded_for:
        return str(peer)
    nearest = peer
    for hop in reversed(forwarded_for.split(",")):
        address = _parse(hop)
        if address is None:
            # A malformed entry cannot be located: the last proxy that handed it on stands for it.
            return str(nearest)
        if not _trusted(address, networks):
            return str(address)
        nearest = address
    return str(nearest)  # every hop is one of our proxies


def client_ip(request: HttpRequest) -> str | None:
    """Return the address the request came from (see the module docstring)."""
    return client_ip_from(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        trusted_proxy_networks(),
    )
