"""Who may see bank details and receipts: admin and team, with the second factor, nobody else."""

from accounts.permissions import is_team, is_verified


def can_see_bank_data(user) -> bool:
    return is_team(user) and is_verified(user)
