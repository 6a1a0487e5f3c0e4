"""One intake form, one case: the window's intake key makes a retried registration harmless.

The intake page makes a key when a new form starts and sends it with every try until a try
succeeds. A try whose answer was lost (the connection broke, perhaps in the very COMMIT) is
retried with the same key: if the first try committed, the retry finds its case by the key
(``cases.intake_key`` is unique) and hands it back instead of registering the resident twice;
if it did not, the retry registers the case, once. Two tries racing each other meet at the
unique index: the loser re-reads the winner's case.

A key that comes back with another applicant or another item is no retry (a bug, or a key
reused by hand): it is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import Applicant, Case
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.records.cases import CaseDetail, Intake
from townclerk.services.access import Actor, viewing
from townclerk.services.applicants import check_applicant

KEY_MAX_LENGTH = 64


class _Registrar(Protocol):
    _db: Database

    def _detail(self, session: Session, case: Case) -> CaseDetail: ...


R = TypeVar("R", bound=_Registrar)
P = ParamSpec("P")


def registered_before(session: Session, intake: Intake, id_number: str) -> Case | None:
    """The case registered earlier from this intake form (``intake.intake_key``), if any.
    ``id_number``: the applicant's, as registration normalises it."""
    key = intake.intake_key
    if key is None:
        return None
    if not key or len(key) > KEY_MAX_LENGTH:
        raise UserError(t("受理表单的标识无效，请清空表单后重新填写"))
    case = session.scalar(select(Case).where(Case.intake_key == key))
    if case is None:
        return None
    applicant = session.get(Applicant, case.applicant_id)
    assert applicant is not None
    if case.item_id != intake.item_id or applicant.id_number != id_number:
        raise UserError(
            t(
                "本表单已登记过办件 {number}（申请人或事项与本次不同），不能再次登记；"
                "请清空表单后重新填写",
                number=case.number,
            )
        )
    return case


def once_per_intake_key(
    register: Callable[Concatenate[R, Actor, Intake, P], CaseDetail],
) -> Callable[Concatenate[R, Actor, Intake, P], CaseDetail]:
    """Wraps ``CaseService._register``: a registration that lost the race for its intake key
    (the unique index refused it) hands back the case of the try that won."""

    def once(
        self: R, actor: Actor, intake: Intake, /, *args: P.args, **kwargs: P.kwargs
    ) -> CaseDetail:
        try:
            return register(self, actor, intake, *args, **kwargs)
        except IntegrityError:
            if intake.intake_key is None:
                raise
            db = self._db
            checked = check_applicant(intake.applicant, phone_required=False, today=db.today())
            with viewing(db, actor) as session:
                earlier = registered_before(session, intake, checked.data.id_number)
                if earlier is None:
                    raise  # another constraint: not the intake key's
                return self._detail(session, earlier)

    return once
