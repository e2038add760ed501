"""SQL text shared by the bulk writers. Names come from ``schema.py``, never from user input."""

from __future__ import annotations

from sqlalchemy import Table

from data_access.schema import intervention_needs


def column_list(table: Table, prefix: str = "") -> str:
    """The table's columns, comma-separated, in schema order (optionally qualified)."""
    return ", ".join(f"{prefix}{column.name}" for column in table.columns)


def _keys(table: Table) -> list[str]:
    return [column.name for column in table.primary_key.columns]


def _same_key(table: Table, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{key} = {right}.{key}" for key in _keys(table))


def update_changed_sql(table: Table, source: str) -> str:
    """UPDATE rows of ``table`` whose key is in ``source`` and whose other values differ."""
    others = [column.name for column in table.columns if column.name not in _keys(table)]
    if not others:
        return "SELECT 1"  # every column is key: nothing to update
    assignments = ", ".join(f"{name} = incoming.{name}" for name in others)
    current = ", ".join(f"{table.name}.{name}" for name in others)
    wanted = ", ".join(f"incoming.{name}" for name in others)
    return (
        f"UPDATE {table.name} SET {assignments} FROM {source} AS incoming "
        f"WHERE {_same_key(table, table.name, 'incoming')} AND ({current}) IS DISTINCT FROM ({wanted})"
    )


def insert_new_sql(table: Table, source: str) -> str:
    """INSERT the rows of ``source`` whose key ``table`` does not have yet."""
    return (
        f"INSERT INTO {table.name} ({column_list(table)}) SELECT {column_list(table, 'incoming.')} "
        f"FROM {source} AS incoming WHERE NOT EXISTS "
        f"(SELECT 1 FROM {table.name} AS kept WHERE {_same_key(table, 'kept', 'incoming')})"
    )


def delete_absent_sql(table: Table, source: str) -> str:
    """DELETE the rows of ``table`` whose key ``source`` does not have."""
    return (
        f"DELETE FROM {table.name} AS kept WHERE NOT EXISTS "
        f"(SELECT 1 FROM {source} AS incoming WHERE {_same_key(table, 'kept', 'incoming')})"
    )


def replaced_by(table: Table) -> tuple[str, tuple[str, ...]]:
    """Which dataset table decides that an old row is replaced, and on which columns.

    A row is replaced by a dataset row with the same primary key, except that an
    intervention's needs are all replaced when the dataset has that intervention.
    """
    if table is intervention_needs:
        return "interventions", ("intervention_code",)
    return table.name, tuple(_keys(table))
