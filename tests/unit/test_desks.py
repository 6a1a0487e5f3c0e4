"""The back-office desks as the admin keeps them: add, rename, deactivate (never delete), map
the catalog's departments, attach back-office officers; each change audited, each refusal
leaving everything as it was. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.factories import make_item
from tests.people import add_user, first_admin
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry, Desk, DeskDepartment, DeskMember
from townclerk.enums import Role
from townclerk.errors import FieldError, NotFound, PermissionDenied, UserError
from townclerk.services.access import Actor
from townclerk.services.desks import DeskService

MARKET = "睢宁县市场监督管理局"
LABOUR = "睢宁县人力资源和社会保障局"


class Admin:
    def __init__(self, db: Database) -> None:
        self.admin = first_admin(db)
        self.clerk = add_user(db, self.admin, "clerk1", Role.CLERK, "王晓燕")
        self.officer = add_user(db, self.admin, "scjg1", Role.BACK_OFFICE, "孙科员")
        make_item(db, department=MARKET)
        make_item(db, code="320324-RS-001", name="失业登记", department=LABOUR)
        make_item(db, code="320324-OLD-001", name="已撤销事项", department="县旧部门", active=False)


@pytest.fixture
def center(any_db: Database) -> Admin:
    return Admin(any_db)


def _state(db: Database) -> tuple[object, ...]:
    with db.reads() as session:
        return (
            sorted(tuple(row) for row in session.execute(select(Desk.id, Desk.name, Desk.active))),
            sorted(
                tuple(row)
                for row in session.execute(
                    select(DeskDepartment.department, DeskDepartment.desk_id)
                )
            ),
            sorted(
                tuple(row)
                for row in session.execute(select(DeskMember.desk_id, DeskMember.user_id))
            ),
            session.scalar(select(func.count()).select_from(AuditEntry)),
        )


def _audit_actions(db: Database) -> list[str]:
    with db.reads() as session:
        return list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.action.startswith("desk."))
                .order_by(AuditEntry.id)
            )
        )


def test_a_desk_gets_departments_and_officers(any_db: Database, center: Admin) -> None:
    service = DeskService(any_db)
    desk = service.add(center.admin, " 市场监管后台 ")
    assert (desk.name, desk.active, desk.departments, desk.officers) == (
        "市场监管后台",
        True,
        (),
        (),
    )
    service.map_department(center.admin, MARKET, desk.id)
    desk = service.add_member(center.admin, desk.id, "scjg1")
    assert desk.departments == (MARKET,)
    assert [(o.username, o.display_name) for o in desk.officers] == [("scjg1", "孙科员")]
    second = service.add(center.admin, "人社后台")
    assert second.sort_order > desk.sort_order
    # A department belongs to one desk: mapping it again moves it.
    service.map_department(center.admin, MARKET, second.id)
    renamed = service.rename(center.admin, desk.id, "市场监管审批")
    assert renamed.departments == () and renamed.name == "市场监管审批"
    closed = service.set_active(center.admin, desk.id, False)
    assert not closed.active
    assert [d.name for d in service.desks(center.clerk, active_only=True)] == ["人社后台"]
    assert [d.name for d in service.desks(center.clerk)] == ["市场监管审批", "人社后台"]
    service.remove_member(center.admin, desk.id, "scjg1")
    service.unmap_department(center.admin, MARKET)
    assert service.find("人社后台").departments == ()
    assert service.departments() == sorted([MARKET, LABOUR])
    assert _audit_actions(any_db) == [
        "desk.add",
        "desk.map",
        "desk.member_add",
        "desk.add",
        "desk.map",
        "desk.rename",
        "desk.deactivate",
        "desk.member_remove",
        "desk.unmap",
    ]


@pytest.mark.parametrize(
    "attempt, error, message",
    [
        ("clerk adds", PermissionDenied, "无权管理系统设置"),
        ("officer adds", PermissionDenied, "无权管理系统设置"),
        ("empty name", FieldError, "请填写后台窗口名称"),
        ("long name", FieldError, "后台窗口名称过长"),
        ("same name", FieldError, "后台窗口“市场监管后台”已存在"),
        ("rename onto another", FieldError, "后台窗口“人社后台”已存在"),
        ("unknown department", FieldError, "事项目录中没有实施部门“县水务局”"),
        ("retired department", FieldError, "事项目录中没有实施部门“县旧部门”"),
        ("closed desk", UserError, "已停用，不能分配部门"),
        ("missing desk", NotFound, "后台窗口不存在"),
        ("clerk as officer", UserError, "只有后台审批人员可以加入后台窗口"),
        ("unknown user", NotFound, "用户 nobody 不存在"),
        ("not a member", NotFound, "用户 clerk1 不在后台窗口“市场监管后台”"),
        ("unmapped", NotFound, "未分配后台窗口"),
    ],
)
def test_a_refused_change_changes_nothing(
    any_db: Database, center: Admin, attempt: str, error: type[Exception], message: str
) -> None:
    service = DeskService(any_db)
    desk = service.add(center.admin, "市场监管后台").id
    other = service.add(center.admin, "人社后台").id
    closed = service.add(center.admin, "已撤销后台").id
    service.set_active(center.admin, closed, False)
    admin: Actor = center.admin
    calls = {
        "clerk adds": lambda: service.add(center.clerk, "新后台"),
        "officer adds": lambda: service.add(center.officer, "新后台"),
        "empty name": lambda: service.add(admin, "  "),
        "long name": lambda: service.add(admin, "后" * 65),
        "same name": lambda: service.add(admin, "市场监管后台"),
        "rename onto another": lambda: service.rename(admin, desk, "人社后台"),
        "unknown department": lambda: service.map_department(admin, "县水务局", desk),
        "retired department": lambda: service.map_department(admin, "县旧部门", desk),
        "closed desk": lambda: service.map_department(admin, MARKET, closed),
        "missing desk": lambda: service.rename(admin, 999, "新后台"),
        "clerk as officer": lambda: service.add_member(admin, other, "clerk1"),
        "unknown user": lambda: service.add_member(admin, other, "nobody"),
        "not a member": lambda: service.remove_member(admin, desk, "clerk1"),
        "unmapped": lambda: service.unmap_department(admin, LABOUR),
    }
    before = _state(any_db)
    with pytest.raises(error, match=message):
        calls[attempt]()
    assert _state(any_db) == before
