"""HTTP for `jobs sync`: one GET with a deadline that covers connecting, redirects and reading,
a size cap, bounded retries after 429, http(s) only, and every failure as a one-line CareerError
naming the URL (without credentials). The standard library only, imported when a sync runs."""

from __future__ import annotations

import contextlib
import json
import math
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from careercli import __version__
from careercli.errors import CareerError
from careercli.jobs.normalize import clean

USER_AGENT = f"careercli/{__version__} (+https://github.com/careercli/careercli)"
MAX_REDIRECTS = 3
DEFAULT_RETRY_WAIT = 5.0


def fetch_json(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 20 * 1024 * 1024,
    retries: int = 1,
    max_retry_wait: float = 10.0,
    sleep: Callable[[float], None] = time.sleep,
) -> Any:
    """GET `url` and decode its JSON body, within `timeout` seconds and `max_bytes` bytes.

    Follows at most three redirects, only to http(s) URLs, never from https to http. A 429
    answer is retried up to `retries` times after waiting what Retry-After asks (at most
    `max_retry_wait` seconds).
    """
    text, content_type, final = fetch_text(
        url,
        timeout=timeout,
        max_bytes=max_bytes,
        retries=retries,
        max_retry_wait=max_retry_wait,
        sleep=sleep,
    )
    return decode_json(text, content_type, final)


def fetch_text(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 20 * 1024 * 1024,
    retries: int = 1,
    max_retry_wait: float = 10.0,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[str, str | None, str]:
    """GET `url`: (body as text, content type, final URL), with the rules of `fetch_json`."""
    _check_request_url(url)
    attempt = 0
    while True:
        status, reason, headers, body, final = _get(url, timeout, max_bytes)
        if status == 429:
            wait = _retry_after(headers.get("Retry-After"))
            if attempt < retries:
                attempt += 1
                sleep(max(0.0, min(DEFAULT_RETRY_WAIT if wait is None else wait, max_retry_wait)))
                continue
            later = f"{math.ceil(wait)} s" if wait is not None else "a minute"
            raise CareerError(f"{show_url(url)}: rate limited (HTTP 429); try again in {later}")
        if status >= 400:
            hint = "Check the company or board name." if status in (404, 410) else None
            raise CareerError(
                f"{show_url(url)}: HTTP {status} {clean_reason(reason)}".rstrip(), hint=hint
            )
        if not 200 <= status < 300:
            raise CareerError(
                f"{show_url(url)}: unexpected HTTP {status} {clean_reason(reason)}".rstrip()
            )
        return _decode_text(body, final), headers.get("Content-Type"), final


def _check_request_url(url: str) -> None:
    if not isinstance(url, str) or not url.isprintable() or " " in url:
        raise CareerError(f"invalid URL {shown(url)}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018
    except ValueError:
        raise CareerError(f"invalid URL {shown(url)}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise CareerError(f"only http:// and https:// URLs can be fetched, not {show_url(url)}")


def _get(url: str, timeout: float, max_bytes: int) -> tuple[int, str, Any, bytes, str]:
    """One attempt: the request and its redirects, all within one deadline."""
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, reason, headers, body = _request(current, url, deadline, timeout, max_bytes)
        if status not in (301, 302, 303, 307, 308):
            return status, reason, headers, body, current
        location = (headers.get("Location") or "").strip()
        if not location:
            raise CareerError(f"{show_url(url)}: HTTP {status} redirect without a Location")
        target = urljoin(current, location)
        scheme = urlsplit(target).scheme.lower()
        if scheme not in ("http", "https"):
            raise CareerError(
                f"{show_url(url)} redirected to a non-HTTP URL ({show_url(target)}); "
                "refused to follow it"
            )
        _check_request_url(target)
        if urlsplit(current).scheme.lower() == "https" and scheme == "http":
            raise CareerError(
                f"{show_url(url)} redirected from HTTPS to plain HTTP ({show_url(target)}); "
                "refused to follow it"
            )
        current = target
    raise CareerError(f"{show_url(url)}: too many redirects (more than {MAX_REDIRECTS})")


def _request(
    url: str, original: str, deadline: float, timeout: float, max_bytes: int
) -> tuple[int, str, Any, bytes]:
    import http.client
    import socket
    import ssl
    import threading

    parts = urlsplit(url)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise CareerError(f"{show_url(original)}: timed out after {timeout:g} s")
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~") + (
        "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?") if parts.query else ""
    )
    host, port = parts.hostname or "", parts.port
    request_headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if parts.username or parts.password:
        import base64
        from urllib.parse import unquote

        pair = f"{unquote(parts.username or '')}:{unquote(parts.password or '')}"
        request_headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    if parts.scheme.lower() == "https":
        conn: Any = http.client.HTTPSConnection(
            host, port, timeout=remaining, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(host, port, timeout=remaining)

    # A per-operation socket timeout cannot bound a server that trickles one byte at a time,
    # so a watchdog shuts the socket down at the deadline; the blocked read then returns.
    fired = threading.Event()
    held: dict[str, Any] = {}

    def abort() -> None:
        fired.set()
        sock = held.get("sock")
        if sock is not None:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def timed_out() -> CareerError:
        return CareerError(f"{show_url(original)}: timed out after {timeout:g} s")

    watchdog = threading.Timer(remaining, abort)
    watchdog.daemon = True
    watchdog.start()
    resp = None
    try:
        conn.connect()
        held["sock"] = conn.sock
        if fired.is_set():
            raise timed_out()
        conn.request("GET", target, headers=request_headers)
        resp = conn.getresponse()
        status, reason, headers = resp.status, resp.reason or "", resp.headers
        body = b""
        if 200 <= status < 300:
            body = _read_body(resp, held["sock"], original, deadline, max_bytes)
        if fired.is_set():
            raise timed_out()
        return status, reason, headers, body
    except CareerError:
        raise
    except ssl.SSLCertVerificationError as exc:
        why = clean_reason(exc.verify_message or str(exc))
        raise CareerError(f"{show_url(original)}: TLS certificate check failed ({why})") from None
    except TimeoutError:
        raise timed_out() from None
    except Exception as exc:
        if fired.is_set() or time.monotonic() >= deadline:
            raise timed_out() from None
        raise CareerError(f"{show_url(original)}: {_network_problem(exc, host)}") from None
    finally:
        watchdog.cancel()
        if resp is not None:
            resp.close()
        conn.close()


def _read_body(resp: Any, sock: Any, url: str, deadline: float, max_bytes: int) -> bytes:
    too_big = CareerError(f"{show_url(url)}: response larger than {max_bytes:,} bytes; refused")
    if resp.length is not None and resp.length > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        sock.settimeout(remaining)
        data = resp.read1(min(65536, max_bytes + 1 - total))
        if not data:
            break
        total += len(data)
        if total > max_bytes:
            raise too_big
        chunks.append(data)
    return b"".join(chunks)


def _network_problem(exc: BaseException, host: str) -> str:
    import http.client
    import socket
    import ssl

    if isinstance(exc, socket.gaierror):
        return f"could not resolve host {shown(host)}"
    if isinstance(exc, ConnectionRefusedError):
        return f"connection refused by {shown(host)}"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({clean_reason(exc.reason or str(exc))})"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(exc, http.client.IncompleteRead):
        return "the server closed the connection before sending the whole response"
    if isinstance(exc, http.client.HTTPException):
        return f"bad HTTP response ({clean_reason(type(exc).__name__)})"
    if isinstance(exc, (ConnectionError, OSError)):
        return f"network error ({clean_reason(exc.strerror or type(exc).__name__)})"
    if isinstance(exc, (ValueError, UnicodeError)):
        return "invalid URL"
    return f"request failed ({clean_reason(type(exc).__name__)})"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return 86_400.0 if len(value) > 5 else float(min(int(value), 86_400))
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, min((when - datetime.now(timezone.utc)).total_seconds(), 86_400.0))


def _decode_text(body: bytes, url: str) -> str:
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CareerError(
            f"{show_url(url)}: the response is not valid UTF-8 (bad byte at offset {exc.start})"
        ) from None


def decode_json(text: str, content_type: str | None, url: str) -> Any:
    """The JSON document, or one clear error: not JSON at all (naming the content type the
    server sent), or JSON that is broken, too deep, or holds NaN or a number too long."""
    from careercli.jobs import jsonstream

    if jsonstream.shape(text) == "empty":
        raise CareerError(f"{show_url(url)}: the server sent an empty response, not JSON")
    if jsonstream.shape(text) == "other" and not _looks_like_json_value(text):
        raise not_json(url, content_type)
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise CareerError(f"{show_url(url)}: the response's JSON is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise CareerError(
            f"{show_url(url)}: the response is not valid JSON ({exc.msg} at line {exc.lineno} "
            f"column {exc.colno})"
        ) from None
    except ValueError as exc:
        raise CareerError(
            f"{show_url(url)}: the response is not valid JSON ({json_reason(exc)})"
        ) from None


def json_reason(exc: Exception) -> str:
    text = str(exc)
    if "Exceeds the limit" in text:
        return "a number with more than 4,300 digits"
    return clean_reason(text.split(";")[0])


def not_json(url: str, content_type: str | None) -> CareerError:
    kind = clean_reason((content_type or "no content type").split(";")[0].strip())
    return CareerError(f"{show_url(url)}: the server did not send JSON (got {kind})")


def _looks_like_json_value(text: str) -> bool:
    return text.lstrip()[:1] in ('"', "-", "t", "f", "n") or text.lstrip()[:1].isdigit()


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def shown(value: Any) -> str:
    """A user- or server-supplied value, quoted and made safe for one terminal line."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text[:120])
    return f"'{text}'" + ("..." if isinstance(value, str) and len(value) > 120 else "")


def strip_credentials(url: str) -> str:
    """The URL without a user name or password in it."""
    try:
        parts = urlsplit(url)
        if parts.username or parts.password:
            host = parts.hostname or ""
            if ":" in host:
                host = f"[{host}]"
            if parts.port:
                host = f"{host}:{parts.port}"
            return parts._replace(netloc=host).geturl()
    except ValueError:
        pass
    return url


def show_url(url: str) -> str:
    """A URL for a message: no credentials, no control characters, bounded length."""
    text = strip_credentials(url) if isinstance(url, str) else repr(url)
    text = "".join(ch if ch.isprintable() and ch != " " else quote(ch) for ch in text)
    return text if len(text) <= 200 else text[:200] + "..."


def clean_reason(text: str) -> str:
    return clean(str(text))[:80]
