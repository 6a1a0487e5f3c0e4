"""What another page asks the intake page to open with (through ``DataBus.intake_requested``)."""

from __future__ import annotations

from dataclasses import dataclass

from townclerk.records.village_arrivals import PreRegistrationDraft


@dataclass(frozen=True)
class VillageIntakeRequest:
    """村代办件到达: the intake pre-filled from ``draft``; ``notify``: to tell the village point
    what is missing (the 一次性告知 dialog opens at once)."""

    draft: PreRegistrationDraft
    notify: bool = False
