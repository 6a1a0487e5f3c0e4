"""Checking the hash-chained history (see townclerk.db.history): the whole chain
(``townclerk audit verify``, a backup's verify), its recent tail at start-up, and the heads the
daily report prints.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, inspect

from townclerk.db import history
from townclerk.db.database import Database
from townclerk.db.history import StoredLink
from townclerk.i18n import t
from townclerk.records.history import ChainBreak, ChainHead, ChainReport
from townclerk.services.access import Actor, Permission, confirm_active, require

TAIL = 200  # rows per chain checked at start-up


def verify_chain(db: Database) -> ChainReport:
    """Recompute every row of both chains; stop at the first break. No permission check: for
    callers that have checked theirs (``audit verify``, a backup's verify)."""
    return _verify(db, tail=None)


def verify_recent_tail(db: Database, rows: int = TAIL) -> ChainReport:
    """The same for the last ``rows`` rows of each chain: cheap enough for every start-up."""
    return _verify(db, tail=rows)


def verify_history(db: Database, actor: Actor) -> ChainReport:
    """``townclerk audit verify``: admins and supervisors."""
    require(actor, Permission.VERIFY_HISTORY)
    confirm_active(db, actor)
    return verify_chain(db)


def describe_break(broken: ChainBreak) -> str:
    """One line naming the first broken link, for the command line and a backup's verify."""
    return t(
        "历史记录被改动：{table} 第{position}条{row}：{problem}",
        table=broken.table,
        position=broken.position,
        row="（" + str(broken.row) + "）" if broken.row else "",
        problem=broken.problem,
    )


def chain_problems(db: Database) -> list[str]:
    """A backup's verify: the first broken link, if any. A database from before the chain
    (schema before 0004, e.g. the copy kept before an upgrade) has no chain to check."""
    if not inspect(db.engine).has_table("history_chain_heads"):
        return []
    broken = verify_chain(db).broken
    return [] if broken is None else [describe_break(broken)]


def chain_heads(db: Database) -> tuple[ChainHead, ...]:
    with db.reads() as session:
        return _heads(session.connection())


def _heads(connection: Connection) -> tuple[ChainHead, ...]:
    stored = history.read_heads(connection)
    heads = []
    for name in (history.EVENTS, history.AUDIT):
        position, row_hash = stored.get(name, (0, history.GENESIS))
        heads.append(ChainHead(name, position, row_hash.hex()))
    return tuple(heads)


def verify_chain_on(connection: Connection) -> ChainReport:
    """:func:`verify_chain` inside a transaction the caller holds (a copy before it commits)."""
    return _verify_on(connection, tail=None)


def heads_on(connection: Connection) -> tuple[ChainHead, ...]:
    return _heads(connection)


def _verify(db: Database, *, tail: int | None) -> ChainReport:
    with db.reads() as session:
        return _verify_on(session.connection(), tail=tail)


def _verify_on(connection: Connection, *, tail: int | None) -> ChainReport:
    heads = _heads(connection)
    checked = 0
    for head in heads:
        first = 1 if tail is None else max(1, head.count - tail + 1)
        broken, count = _verify_table(connection, head, first)
        checked += count
        if broken is not None:
            return ChainReport(heads, checked, broken)
    return ChainReport(heads, checked)


def _verify_table(
    connection: Connection, head: ChainHead, first: int
) -> tuple[ChainBreak | None, int]:
    name = head.table
    expected = first
    prev_hash: bytes | None = history.GENESIS if first == 1 else None
    count = 0

    def broken(position: int, row: StoredLink | None, problem: str) -> tuple[ChainBreak, int]:
        return ChainBreak(name, position, row.key if row else "", problem), count

    for row in history.stored_links(connection, name, first):
        stored_prev, stored_hash = row.prev_hash, row.row_hash
        if row.position != expected:
            return broken(
                expected,
                row,
                t(
                    "第{expected}条记录缺失（其后为第{found}条）：记录被删除或链位置被改动",
                    expected=expected,
                    found=row.position,
                ),
            )
        if prev_hash is not None and stored_prev != prev_hash:
            return broken(
                expected,
                row,
                t("记录的“前一哈希”与上一条记录不符：前面的记录被删除、插入或调换过"),
            )
        if hashlib.sha256(stored_prev + row.content).digest() != stored_hash:
            return broken(expected, row, t("记录内容与其哈希不符：该记录被修改过"))
        count += 1
        prev_hash = stored_hash
        expected += 1
    last_position = expected - 1
    if last_position != head.count or (prev_hash is not None and prev_hash.hex() != head.row_hash):
        return broken(
            min(last_position, head.count) + 1,
            None,
            t(
                "链尾与链头记录不符（链头记为{count}条，实有{found}条）：末尾的记录被删除或追加过",
                count=head.count,
                found=last_position,
            ),
        )
    return None, count
