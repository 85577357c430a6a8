"""Looking under a store, the same way on both backends: the raw schema version,
the tables and columns, and what each backend's driver raises."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import psycopg


def is_postgres(target: str | Path) -> bool:
    return str(target).startswith("postgresql://")


def query(target: str | Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run one statement on a connection of its own (committed) and return its rows."""
    if is_postgres(target):
        with psycopg.connect(str(target), autocommit=True) as conn:
            cur = conn.execute(sql.replace("?", "%s"), params)
            return cur.fetchall() if cur.description is not None else []
    conn = sqlite3.connect(target)
    try:
        with conn:
            return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def version(target: str | Path) -> int:
    rows = query(target, "SELECT value FROM meta WHERE key = 'schema_version'")
    return int(rows[0][0]) if rows else 0


def set_version(target: str | Path, number: int) -> None:
    query(target, "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(number),))


def columns(target: str | Path) -> dict[str, list[str]]:
    """Table -> column names, in order (SQLite's FTS5 shadow tables left out)."""
    if is_postgres(target):
        rows = query(
            target,
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
        )
        out: dict[str, list[str]] = {}
        for table, column in rows:
            out.setdefault(table, []).append(column)
        return out
    tables = [r[0] for r in query(target, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {
        t: [r[1] for r in query(target, f'PRAGMA table_info("{t}")')]
        for t in tables
        if not t.startswith("sentences_")
    }


def closed_error(target: str | Path) -> type[Exception]:
    """What the driver raises when a closed store is used."""
    return psycopg.OperationalError if is_postgres(target) else sqlite3.ProgrammingError


def integrity_error(target: str | Path) -> type[Exception]:
    """What the driver raises on a repeated primary key."""
    return psycopg.IntegrityError if is_postgres(target) else sqlite3.IntegrityError
