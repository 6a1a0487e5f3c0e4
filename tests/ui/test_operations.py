"""The write helper (ui/operations.py): what a write's result says changed is what every screen
hears; user errors go to the screen, bugs to the crash handler; busy widgets wait."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.writes import wait_for_writes
from townclerk.db.database import Database
from townclerk.errors import UserError
from townclerk.records.changes import Changed, DataArea
from townclerk.services.access import Actor
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.message_line import MessageLine

BOTH = frozenset({DataArea.SETTINGS, DataArea.CASES})


class Screen(QWidget):
    """A screen that writes: a button, a message line, a runner."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.button = QPushButton("Save")
        self.message = MessageLine("message")
        layout.addWidget(self.button)
        layout.addWidget(self.message)
        self.writes = WriteRunner(context, self, message=self.message)
        self.done: list[object] = []


@pytest.fixture
def context(qtbot: QtBot, db: Database, clerk: Actor) -> Iterator[AppContext]:
    context = AppContext(db, DataBus())
    context.session = Session(clerk, None, "")
    yield context
    wait_for_writes(qtbot, context)  # no worker may outlive the database


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> Screen:
    screen = Screen(context)
    qtbot.addWidget(screen)
    return screen


@pytest.fixture
def heard(context: AppContext) -> list[tuple[DataArea, object]]:
    heard: list[tuple[DataArea, object]] = []
    context.bus.data_changed.connect(lambda area, initiator: heard.append((area, initiator)))
    return heard


def test_every_area_the_result_names_is_announced_then_the_screen_is_told(
    qtbot: QtBot, context: AppContext, screen: Screen, heard: list[tuple[DataArea, object]]
) -> None:
    result = Changed(BOTH)

    def done(value: Changed) -> None:
        assert len(heard) == 2  # the other screens have heard before this one goes on
        screen.done.append(value)

    screen.writes.run(lambda: result, on_done=done)
    assert screen.writes.is_running()
    wait_for_writes(qtbot, context)
    assert heard == [(DataArea.CASES, None), (DataArea.SETTINGS, None)]
    assert screen.done == [result]
    assert not screen.writes.is_running()


def test_the_initiator_comes_with_the_announcement(
    qtbot: QtBot, context: AppContext, screen: Screen, heard: list[tuple[DataArea, object]]
) -> None:
    screen.writes.run(lambda: Changed(frozenset({DataArea.USERS})), initiator=screen)
    wait_for_writes(qtbot, context)
    assert heard == [(DataArea.USERS, screen)]


def test_a_write_that_changed_nothing_announces_nothing(
    qtbot: QtBot, context: AppContext, screen: Screen, heard: list[tuple[DataArea, object]]
) -> None:
    screen.writes.run(lambda: None, on_done=screen.done.append)
    wait_for_writes(qtbot, context)
    assert heard == []
    assert screen.done == [None]


def test_a_user_error_goes_to_the_message_line_and_nothing_is_announced(
    qtbot: QtBot, context: AppContext, screen: Screen, heard: list[tuple[DataArea, object]]
) -> None:
    def refused() -> Changed:
        raise UserError("窗口“综合窗口一”已存在")

    screen.writes.run(refused, on_done=screen.done.append, busy=(screen.button,))
    wait_for_writes(qtbot, context)
    assert screen.message.is_error
    assert screen.message.text() == "✗ 窗口“综合窗口一”已存在"
    assert heard == [] and screen.done == []
    assert screen.button.isEnabled()


def test_a_user_error_goes_to_the_callback_when_one_is_given(
    qtbot: QtBot, context: AppContext, screen: Screen
) -> None:
    def refused() -> Changed:
        raise UserError("不能停用当前登录的用户")

    errors: list[str] = []
    screen.writes.run(refused, on_user_error=errors.append)
    wait_for_writes(qtbot, context)
    assert errors == ["不能停用当前登录的用户"]
    assert screen.message.text() == ""


def test_a_bug_reaches_the_crash_handler_and_the_screen_recovers(
    qtbot: QtBot, context: AppContext, screen: Screen, heard: list[tuple[DataArea, object]]
) -> None:
    def broken() -> Changed:
        raise KeyError("a bug in the service")

    finished: list[bool] = []
    screen.writes.finished.connect(lambda: finished.append(screen.writes.is_running()))
    with qtbot.captureExceptions() as exceptions:
        screen.writes.run(broken, on_done=screen.done.append, busy=(screen.button,))
        wait_for_writes(qtbot, context)
    assert [type(error) for _, error, _ in exceptions] == [KeyError]
    assert screen.message.text() == ""  # a bug is not the user's to act on
    assert heard == [] and screen.done == []
    assert screen.button.isEnabled() and not screen.writes.is_running()
    assert finished == [False]  # a screen that works out its state hears of it too


def test_the_busy_widgets_wait_for_the_write(
    qtbot: QtBot, context: AppContext, screen: Screen
) -> None:
    release = threading.Event()

    def slow() -> Changed:
        assert release.wait(10)
        return Changed(BOTH)

    screen.writes.run(slow, on_done=screen.done.append, busy=(screen.button,))
    assert not screen.button.isEnabled()
    qtbot.wait(50)
    assert not screen.button.isEnabled() and screen.writes.is_running()
    release.set()
    wait_for_writes(qtbot, context)
    assert screen.button.isEnabled() and len(screen.done) == 1


def test_a_write_whose_screen_closed_is_still_announced(
    qtbot: QtBot, context: AppContext, heard: list[tuple[DataArea, object]]
) -> None:
    screen = Screen(context)
    release = threading.Event()

    def slow() -> Changed:
        assert release.wait(10)
        return Changed(frozenset({DataArea.CASES}))

    screen.writes.run(slow, on_done=screen.done.append)
    screen.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(screen))
    release.set()
    wait_for_writes(qtbot, context)
    assert heard == [(DataArea.CASES, None)]  # the case list and the rest reload all the same
    assert screen.done == []


def test_a_screen_without_a_message_line_must_say_where_errors_go(
    qtbot: QtBot, context: AppContext
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    writes = WriteRunner(context, parent)
    with pytest.raises(TypeError, match="where errors go"):
        writes.run(lambda: None)
    assert not writes.is_running()
