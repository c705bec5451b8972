"""Which addresses a fetch may reach: public ones only, unless the user allows private hosts.

A feed names the pages its entries are read from; followed blindly, a hostile feed would make an
unattended watcher fetch (and store) pages of the machine it runs on or of its private network.
"""

from __future__ import annotations

import ipaddress
import socket

from fieldguide.errors import FetchStoppedError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (tests replace this to fake a name's addresses)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as e:
        raise FetchStoppedError(f"unreachable (cannot resolve {host}: {e})") from e
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: IPAddress) -> bool:
    """Neither private, loopback, link-local, unspecified (0.0.0.0, ::), reserved nor multicast."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return address.is_global and not address.is_multicast


def _parse(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def public_address(host: str, port: int) -> str:
    """The address to connect to for ``host``; raises FetchStoppedError when it is not public.

    A name is refused when any of its addresses is private, so that a name with one public and
    one loopback address cannot be used to reach the loopback one.
    """
    literal = _parse(host)
    addresses = [host] if literal is not None else resolve(host, port)
    if not addresses:
        raise FetchStoppedError(f"unreachable (no address for {host})")
    for text in addresses:
        address = _parse(text.split("%", 1)[0])  # an IPv6 zone (fe80::1%eth0) is no part of the address
        if address is None or not is_public(address):
            shown = host if literal is not None else f"{host} (resolves to {text})"
            raise FetchStoppedError(
                f"refused: {shown} is a private, loopback or link-local address "
                "(--allow-private-hosts or FIELDGUIDE_ALLOW_PRIVATE_HOSTS=1 allows it)"
            )
    return addresses[0]
