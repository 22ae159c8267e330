"""waitress with bounds on connections, so that idle or half-open connections never lock
others out: at most ``PER_CLIENT`` connections from one address and ``connection_limit`` in all;
when a new connection would pass a bound, the longest idle connection within it (one with no
request being served) is closed to make room, and the new one is refused only when none is
idle. A connection silent for ``IDLE_TIMEOUT`` seconds without a request is closed. The
server's own error responses (a malformed request, a body over the limit) carry the app's
security headers."""

from __future__ import annotations

import time
from typing import Any

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher

from .policy import SECURITY_HEADERS

PER_CLIENT = 32  # connections from one address (a browser opens at most six)
TOTAL = 96  # connections in all
IDLE_TIMEOUT = 30  # seconds a connection may stay silent without a request
CLEANUP_INTERVAL = 2  # seconds between checks for silent connections


class _ErrorTask(ErrorTask):
    def execute(self) -> None:
        self.response_headers.extend(SECURITY_HEADERS)
        super().execute()


class _Channel(HTTPChannel):
    error_task_class = _ErrorTask


def _client(channel: Any) -> Any:
    addr = channel.addr
    return addr[0] if isinstance(addr, tuple) else addr


class GuardedServer(TcpWSGIServer):
    channel_class = _Channel
    per_client = PER_CLIENT

    def readable(self) -> bool:
        """Keep accepting at the limit (``handle_accept`` makes room); check for silent
        connections every ``cleanup_interval``."""
        now = time.time()
        if now >= float(getattr(self, "next_channel_cleanup", 0)):
            self.next_channel_cleanup = now + self.adj.cleanup_interval
            self.maintenance(now)
        return bool(self.accepting)

    def handle_accept(self) -> None:
        before = set(self.active_channels)
        super().handle_accept()
        for fd, channel in list(self.active_channels.items()):
            if fd not in before:
                self._make_room(channel)

    def _open(self, new: Any) -> list[Any]:
        return [c for c in self.active_channels.values() if c is not new and not c.will_close]

    def _make_room(self, new: Any) -> None:
        client = _client(new)
        mine = [c for c in self._open(new) if _client(c) == client]
        if len(mine) >= self.per_client and not self._evict(mine):
            new.handle_close()
            return
        if len(self._open(new)) >= self.adj.connection_limit and not self._evict(
                self._open(new)):
            new.handle_close()

    @staticmethod
    def _evict(channels: list[Any]) -> bool:
        """Close the longest idle of ``channels`` (False: every one is being served)."""
        idle = [c for c in channels if not c.requests]
        if not idle:
            return False
        min(idle, key=lambda c: c.last_activity).handle_close()
        return True


def create_server(app: Any, per_client: int = PER_CLIENT, **kw: Any) -> Any:
    """As ``waitress.create_server`` for TCP, with guarded servers."""
    kw.setdefault("connection_limit", TOTAL)
    kw.setdefault("channel_timeout", IDLE_TIMEOUT)
    kw.setdefault("cleanup_interval", CLEANUP_INTERVAL)
    adj = Adjustments(**kw)
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    sockets: dict[int, Any] = {}
    servers = []
    for info in adj.listen:
        s = GuardedServer(app, sockets, dispatcher=dispatcher, adj=adj, sockinfo=info)
        s.per_client = per_client
        servers.append(s)
    if len(servers) == 1:
        return servers[0]
    multi = MultiSocketServer(sockets, adj, [(s.effective_host, s.effective_port)
                                             for s in servers], dispatcher, servers[-1].log_info)
    multi.trigger = servers[-1].trigger  # (what ``Service.stop`` pulls)
    return multi
