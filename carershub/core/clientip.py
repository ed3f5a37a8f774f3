"""The address a request came from, for the access log and the sign-in rate limits.

Behind a proxy or load balancer, REMOTE_ADDR is the proxy's own address: every member of staff
would look like one client, so ten mistyped passwords anywhere would slow everybody's sign-in, and
the access log would name the proxy. Each proxy appends the address it was called from to
X-Forwarded-For. With ``CARERSHUB_TRUSTED_PROXY_COUNT`` = N proxies in front of the service (the
deployment says how many; the service cannot tell), the client is the N-th address from the right:
anything further left was written by the client and could be anything. With N = 0 (the default),
X-Forwarded-For is ignored.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count:
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
        if len(hops) >= count:
            address = _address(hops[-count])
            if address:
                return address
    return request.META.get("REMOTE_ADDR") or None


def _address(entry: str) -> str | None:
    """An X-Forwarded-For entry as an address: some proxies add the port ("192.0.2.7:51234",
    "[2001:db8::7]:51234"). None for anything else (a name, "unknown"): the connection's address is used."""
    candidates = [entry]
    if entry.startswith("["):
        candidates.append(entry[1:].split("]", 1)[0])
    elif entry.count(":") == 1:
        candidates.append(entry.split(":", 1)[0])
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        if isinstance(address, ipaddress.IPv6Address):
            if address.scope_id:  # "fe80::1%eth0": a link's own address, which the database cannot store
                return None
            if address.ipv4_mapped:  # "::ffff:192.0.2.7" is the IPv4 visitor 192.0.2.7
                return str(address.ipv4_mapped)
        return str(address)
    return None
