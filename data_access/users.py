"""Who may use the app when sign-in is on, with what role and home region (issue 19).

Managed on the server with

    python -m data_access.users add EMAIL --role viewer|editor|admin [--region CODE] [--name NAME]
    python -m data_access.users set-role EMAIL [--role ROLE] [--region CODE | --no-region]
    python -m data_access.users remove EMAIL
    python -m data_access.users list

(``--database-url``, default ``DATABASE_URL``), or by admins on the app's Users page.
Every change is checked here, where it is made: only admins change users, and the
last admin cannot be removed or demoted. Each change is written to the audit trail in
the same transaction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select, update

from data_access import app_store
from data_access.app_schema import users
from data_access.audit import cli_actor, write_event
from data_access.engine import database_url
from vocabulary.access import Actor, AuditAction, Role, has_role, normalise_email

_UNSET = object()


class UserError(ValueError):
    """A user change that cannot be made; the message says why."""


class UserPermissionError(UserError):
    """Only admins manage users."""


@dataclass(frozen=True)
class User:
    """One row of the users table."""

    email: str
    display_name: str | None
    role: Role
    home_region: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


def _user(row: object) -> User:
    values = dict(row._mapping)
    return User(**{**values, "role": Role(values["role"])})


def _check_admin(actor: Actor | None) -> None:
    if actor is not None and not has_role(actor, Role.ADMIN):
        raise UserPermissionError("Only admins may add, change or remove users.")


def _who(actor: Actor | None) -> str:
    return actor.email if actor is not None else cli_actor()


def get_user(url: str, email: str) -> User | None:
    """The user with this e-mail address (any case), or None."""
    statement = select(users).where(users.c.email == normalise_email(email))
    row = app_store.in_transaction(url, lambda connection: connection.execute(statement).first())
    return None if row is None else _user(row)


def list_users(url: str) -> list[User]:
    """Every user, by e-mail address."""
    statement = select(users).order_by(users.c.email)
    return app_store.in_transaction(url, lambda connection: [_user(row) for row in connection.execute(statement)])


def add_user(
    url: str, email: str, *, role: Role, home_region: str | None = None, display_name: str | None = None,
    actor: Actor | None = None, now: dt.datetime | None = None,
) -> User:
    """Add a user. ``actor`` None: the server's command line. Raises UserError if they exist."""
    _check_admin(actor)
    email = normalise_email(email)
    if "@" not in email:
        raise UserError(f"'{email}' is not an e-mail address.")
    now = now or dt.datetime.now().replace(microsecond=0)
    user = User(email, display_name, Role(role), home_region or None, now, now)

    def write(connection: Connection) -> None:
        if connection.execute(select(users.c.email).where(users.c.email == email)).first():
            raise UserError(f"{email} is already a user: use set-role to change them.")
        connection.execute(insert(users).values(**{**user.__dict__, "role": user.role.value}))
        write_event(connection, AuditAction.USER_ADDED, actor_email=_who(actor), target=email,
                    detail=f"role {user.role.value}; home region {user.home_region or 'none'}", occurred_at=now)

    app_store.in_transaction(url, write)
    return user


def set_role(
    url: str, email: str, *, role: Role | None = None, home_region: str | None | object = _UNSET,
    actor: Actor | None = None, now: dt.datetime | None = None,
) -> User:
    """Change a user's role and/or home region (``home_region=None`` clears it)."""
    _check_admin(actor)
    email = normalise_email(email)
    changes: dict[str, object] = {"updated_at": now or dt.datetime.now().replace(microsecond=0)}
    if role is not None:
        changes["role"] = Role(role).value
    if home_region is not _UNSET:
        changes["home_region"] = home_region or None

    def write(connection: Connection) -> User:
        before = _existing(connection, email)
        if before.role is Role.ADMIN and changes.get("role", Role.ADMIN.value) != Role.ADMIN.value:
            _keep_an_admin(connection, email)
        connection.execute(update(users).where(users.c.email == email).values(**changes))
        after = _user(connection.execute(select(users).where(users.c.email == email)).one())
        write_event(connection, AuditAction.USER_CHANGED, actor_email=_who(actor), target=email,
                    detail=f"role {before.role.value} -> {after.role.value}; "
                           f"home region {before.home_region or 'none'} -> {after.home_region or 'none'}",
                    occurred_at=changes["updated_at"])
        return after

    return app_store.in_transaction(url, write)


def remove_user(url: str, email: str, *, actor: Actor | None = None) -> None:
    """Remove a user (they fall back to the unknown-user setting when they next sign in)."""
    _check_admin(actor)
    email = normalise_email(email)

    def write(connection: Connection) -> None:
        before = _existing(connection, email)
        if before.role is Role.ADMIN:
            _keep_an_admin(connection, email)
        connection.execute(delete(users).where(users.c.email == email))
        write_event(connection, AuditAction.USER_REMOVED, actor_email=_who(actor), target=email,
                    detail=f"was {before.role.value}")

    app_store.in_transaction(url, write)


def _existing(connection: Connection, email: str) -> User:
    row = connection.execute(select(users).where(users.c.email == email)).first()
    if row is None:
        raise UserError(f"{email} is not a user.")
    return _user(row)


def _keep_an_admin(connection: Connection, leaving: str) -> None:
    others = connection.execute(
        select(func.count()).select_from(users).where(users.c.role == Role.ADMIN.value, users.c.email != leaving)
    ).scalar_one()
    if others == 0:
        raise UserError(f"{leaving} is the last admin: make someone else an admin first.")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data_access.users", description="Manage the app's users.")
    parser.add_argument("--database-url", help="the app database (default: DATABASE_URL or the sample DuckDB file)")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add a user")
    add.add_argument("email")
    add.add_argument("--role", choices=[role.value for role in Role], default=Role.VIEWER.value)
    add.add_argument("--region", help="home region code, e.g. E12000004")
    add.add_argument("--name", help="display name")
    change = commands.add_parser("set-role", help="change a user's role or home region")
    change.add_argument("email")
    change.add_argument("--role", choices=[role.value for role in Role])
    change.add_argument("--region", help="new home region code")
    change.add_argument("--no-region", action="store_true", help="clear the home region")
    remove = commands.add_parser("remove", help="remove a user")
    remove.add_argument("email")
    commands.add_parser("list", help="list the users")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 done, 1 refused)."""
    args = _parser().parse_args(argv)
    url = args.database_url or database_url()
    try:
        if args.command == "add":
            user = add_user(url, args.email, role=Role(args.role), home_region=args.region, display_name=args.name)
            print(f"Added {user.email} as {user.role.value}.")
        elif args.command == "set-role":
            region = None if args.no_region else (args.region if args.region else _UNSET)
            user = set_role(url, args.email, role=Role(args.role) if args.role else None, home_region=region)
            print(f"{user.email} is now {user.role.value} (home region {user.home_region or 'none'}).")
        elif args.command == "remove":
            remove_user(url, args.email)
            print(f"Removed {normalise_email(args.email)}.")
        else:
            for user in list_users(url):
                print(f"{user.email}\t{user.role.value}\t{user.home_region or '-'}\t{user.display_name or ''}")
    except UserError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
