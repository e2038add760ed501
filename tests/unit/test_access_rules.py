"""The role matrix of vocabulary.access, case by case (issue 19)."""

from __future__ import annotations

import pytest

from vocabulary.access import Actor, Role, Visibility, has_role, may_delete, may_save, may_see

ME = "me@probation.example"
SOMEONE = "someone@probation.example"
PRIVATE, SHARED = Visibility.PRIVATE, Visibility.SHARED


@pytest.mark.parametrize(("role", "owner", "visibility", "allowed"), [
    (Role.VIEWER, ME, PRIVATE, True),
    (Role.VIEWER, ME, SHARED, True),
    (Role.VIEWER, SOMEONE, SHARED, False),
    (Role.VIEWER, None, SHARED, False),  # views from before sign-in
    (Role.EDITOR, SOMEONE, SHARED, True),
    (Role.EDITOR, None, SHARED, True),
    (Role.EDITOR, SOMEONE, PRIVATE, False),
    (Role.ADMIN, SOMEONE, PRIVATE, True),
    (Role.ADMIN, None, SHARED, True),
])
def test_who_may_delete_a_view(role, owner, visibility, allowed):
    assert may_delete(Actor(ME, role), owner, visibility) is allowed


@pytest.mark.parametrize(("role", "visibility", "allowed"), [
    (Role.VIEWER, PRIVATE, True), (Role.VIEWER, SHARED, False),
    (Role.EDITOR, SHARED, True), (Role.ADMIN, SHARED, True),
])
def test_who_may_save_with_a_visibility(role, visibility, allowed):
    assert may_save(Actor(ME, role), visibility) is allowed


def test_private_views_are_seen_by_their_owner_and_admins_only():
    assert may_see(Actor(ME, Role.VIEWER), ME, PRIVATE)
    assert not may_see(Actor(ME, Role.EDITOR), SOMEONE, PRIVATE)
    assert may_see(Actor(ME, Role.ADMIN), SOMEONE, PRIVATE)
    assert may_see(Actor(ME, Role.VIEWER), SOMEONE, SHARED)


def test_sign_in_off_leaves_everything_open():
    assert has_role(None, Role.ADMIN) and may_delete(None, SOMEONE, PRIVATE) and may_save(None, SHARED)
    assert not has_role(Actor(ME, Role.EDITOR), Role.ADMIN) and has_role(Actor(ME, Role.ADMIN), Role.EDITOR)
