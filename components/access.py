"""Sign-in, roles and the audit trail in the app (issue 19).

Sign-in is on when ``.streamlit/secrets.toml`` has an ``[auth]`` section (Streamlit's
``st.login`` / ``st.user`` / ``st.logout``, OpenID Connect through Authlib). Without it
nothing here shows or records anything and every action is open, as in the embedded
demo. With it, dashboard.py offers only the sign-in screen until the visitor has signed
in; then each action passes ``current_actor()`` to data_access, which checks the role
where the change is made.

The ``[access]`` section holds the app's own settings: ``unknown_users`` ("viewer",
the default, or "refuse") for signed-in people who are not in the users table.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from components import cache
from components.auth_settings import settings_problems
from vocabulary.access import Actor, AuditAction, Role, UnknownUserPolicy, has_role, normalise_email

#: How long a looked-up role is trusted for drawing the page, in seconds; actions re-read it.
ROLE_FRESH_SECONDS = 30.0
_ACTOR_KEY = "_access_actor"
_SIGNED_IN_KEY = "_access_sign_in_recorded"
_LAST_VIEW_KEY = "_access_last_page_view"


def _secrets() -> Mapping[str, object]:
    try:
        return {key: st.secrets[key] for key in ("auth", "access") if key in st.secrets}
    except FileNotFoundError:  # no secrets file at all: sign-in is off
        return {}


def sign_in_configured() -> bool:
    """Whether sign-in is on (an ``[auth]`` section exists, well formed or not)."""
    return "auth" in _secrets()


def configuration_problems() -> list[str]:
    """What is wrong with the sign-in settings (empty when sign-in is off or set up properly)."""
    return settings_problems(_secrets())


def signed_in_email() -> str | None:
    """The signed-in person's e-mail address (lower case), or None when nobody is signed in."""
    if not st.user.is_logged_in:
        return None
    # Entra ID puts the address in ``email`` only when that optional claim is configured;
    # ``preferred_username`` (the sign-in name) is always there.
    email = st.user.get("email") or st.user.get("preferred_username")
    return normalise_email(str(email)) if email else None


def _unknown_user_policy() -> UnknownUserPolicy:
    access = _secrets().get("access") or {}
    return UnknownUserPolicy(access.get("unknown_users", UnknownUserPolicy.VIEWER.value))


def _look_up(email: str) -> tuple[Actor | None, str | None]:
    user = cache.get_user(email)
    if user is not None:
        return Actor(email, user.role), user.home_region
    if _unknown_user_policy() is UnknownUserPolicy.REFUSE:
        return None, None
    return Actor(email, Role.VIEWER), None


def current_actor(*, fresh: bool = False) -> Actor | None:
    """The signed-in person and their role; None when sign-in is off, nobody is signed in, or they are refused.

    ``fresh``: read the role from the users table now (for actions), rather than the
    copy kept for ROLE_FRESH_SECONDS (for drawing).
    """
    email = signed_in_email() if sign_in_configured() else None
    if email is None:
        return None
    kept = st.session_state.get(_ACTOR_KEY)
    if fresh or kept is None or kept[0] != email or time.monotonic() - kept[1] > ROLE_FRESH_SECONDS:
        actor, region = _look_up(email)
        kept = (email, time.monotonic(), actor, region)
        st.session_state[_ACTOR_KEY] = kept
    return kept[2]


def home_region() -> str | None:
    """The signed-in person's home region code, if they have one."""
    current_actor()
    kept = st.session_state.get(_ACTOR_KEY)
    return kept[3] if kept else None


def admin_pages() -> list[StreamlitPage]:
    """The admin pages: users, and the audit trail."""
    return [
        st.Page("pages/users.py", title="Users", icon=":material/group:", url_path="admin-users"),
        st.Page("pages/audit_trail.py", title="Audit trail", icon=":material/policy:", url_path="admin-audit-trail"),
    ]


def pages_for_visitor(pages: Sequence[StreamlitPage]) -> list[StreamlitPage]:
    """The pages this visitor may open: ``pages`` with sign-in off; else only the sign-in
    screen until they are signed in and allowed; with the admin pages for admins."""
    if not sign_in_configured():
        return list(pages)
    if configuration_problems() or current_actor() is None:
        # A function, not a file in pages/: every page there draws the data's sidebar first.
        return [st.Page(sign_in_page, title="Sign in", icon=":material/login:", url_path="sign-in", default=True)]
    _record_sign_in()
    return [*pages, *admin_pages()] if has_role(current_actor(), Role.ADMIN) else list(pages)


def _record_sign_in() -> None:
    actor = current_actor()
    if actor is not None and st.session_state.get(_SIGNED_IN_KEY) != actor.email:
        cache.record_event(AuditAction.SIGN_IN, actor_email=actor.email, detail=f"role {actor.role.value}")
        st.session_state[_SIGNED_IN_KEY] = actor.email


def record(action: AuditAction, *, target: str | None = None, detail: str | None = None) -> None:
    """Append an event for the signed-in person (nothing when sign-in is off)."""
    actor = current_actor()
    if actor is not None:
        cache.record_event(action, actor_email=actor.email, target=target, detail=detail)


def record_page_view(page_path: str, query_string: str) -> None:
    """Record a page view with its query string, once per change of either."""
    if current_actor() is None or st.session_state.get(_LAST_VIEW_KEY) == (page_path, query_string):
        return
    record(AuditAction.PAGE_VIEW, target=page_path, detail=query_string or None)
    st.session_state[_LAST_VIEW_KEY] = (page_path, query_string)


def on_download(action: AuditAction, file_name: str, default: str = "rerun") -> Callable[[], None] | str:
    """A download button's ``on_click``: records the download when sign-in is on, else ``default``."""
    if current_actor() is None:
        return default
    return lambda: record(action, target=file_name)


def require_role(role: Role) -> Actor:
    """The signed-in actor when they hold ``role``; otherwise say so and stop the page (a server-side check)."""
    actor = current_actor(fresh=True)
    if actor is None or not has_role(actor, role):
        st.error(f"This page is for the {role.value} role only.")
        st.stop()
    return actor


def _sign_out() -> None:
    record(AuditAction.SIGN_OUT)
    st.session_state.pop(_ACTOR_KEY, None)
    st.logout()


def account_panel() -> None:
    """Who is signed in, their role, and a sign-out button (call inside ``st.sidebar``; nothing when sign-in is off)."""
    actor = current_actor()
    if actor is None:
        return
    st.markdown(f"Signed in as **{actor.email}** ({actor.role.value})")
    st.button("Sign out", key="access_sign_out", on_click=_sign_out, icon=":material/logout:", width="stretch")


def sign_in_page() -> None:
    """The page a visitor sees until signed in: the sign-in screen, or why the settings stop the app."""
    problems = configuration_problems()
    if problems:
        st.title("Interventions Landscape")
        st.error("Sign-in is configured but its settings are incomplete, so the app will not open:\n\n"
                 + "\n".join(f"- {problem}" for problem in problems)
                 + "\n\nFix `.streamlit/secrets.toml` (see docs/deployment.md) and restart the app.")
        return
    sign_in_screen()


def sign_in_screen() -> None:
    """The sign-in screen: what the app is, and the button to sign in (or why a signed-in person is refused)."""
    st.title("Interventions Landscape")
    st.markdown("Referrals, waits and provision of probation interventions in England and Wales. "
                "It holds information about people on probation, so staff sign in with their organisation account.")
    email = signed_in_email()
    if email is None and st.user.is_logged_in:
        st.error("Your organisation account signed you in without an e-mail address, which the dashboard "
                 "needs to know your role. Ask whoever runs the dashboard to add the email claim "
                 "(docs/deployment.md).")
        st.button("Sign out", key="access_sign_out", on_click=st.logout, icon=":material/logout:")
        return
    if email is None:
        st.button("Sign in with your organisation account", key="access_sign_in", on_click=st.login,
                  type="primary", icon=":material/login:")
        return
    if st.session_state.get(_SIGNED_IN_KEY) != f"refused:{email}":
        cache.record_event(AuditAction.REFUSED, actor_email=email, detail="not in the users table")
        st.session_state[_SIGNED_IN_KEY] = f"refused:{email}"
    st.error(f"You are signed in as {email}, but this account has not been given access. "
             "Ask an admin of the dashboard to add you.")
    st.button("Sign out", key="access_sign_out", on_click=st.logout, icon=":material/logout:")
