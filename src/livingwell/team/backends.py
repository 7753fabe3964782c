"""Django's password backend, loading a signed-in user's staff membership and team with the user.

Every staff page needs both; fetching them in the one query that loads the user saves a round trip on
every request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class StaffBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        user = (
            get_user_model()
            ._default_manager.select_related("staff_member__team")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
