"""Starting the window: the Qt application, language, fonts, error handling, login.

``run_gui`` is what ``townclerk`` (no command) and ``townclerk --selftest`` call. The selftest
runs everything a bundle needs (migrations, the sample catalog, the search index, the main
window, a printed receipt) against a temporary database, offscreen, and exits 0 when all of it
works.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QThreadPool,
    QTranslator,
    qVersion,
)
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from townclerk import __version__
from townclerk.db.connection_choice import UrlOrigin
from townclerk.db.database import Database, open_database
from townclerk.enums import MaterialState
from townclerk.errors import DatabaseCorrupt, UserError
from townclerk.i18n import set_language, t
from townclerk.launch import Launch
from townclerk.logs import LOG_FILE
from townclerk.paths import log_dir, resource_path, sqlite_url
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.crash import ExceptionHook
from townclerk.ui.database_startup import StartupConnection
from townclerk.ui.dialogs.history_check import check_recent_history, warn_admin
from townclerk.ui.dialogs.login import LoginDialog
from townclerk.ui.input_methods import check_plugins, select_input_method
from townclerk.ui.main_window import MainWindow
from townclerk.ui.widgets.file_dialogs import QtLabelsInChinese
from townclerk.ui.window_state import show_main_window
from townclerk.ui.worker import Preload

log = logging.getLogger("townclerk.ui")

BUNDLED_FONT = ("fonts", "wqy-microhei.ttc")
ICON_SIZES = (16, 32, 48)
QT_SOURCE_LANGUAGE = "en"  # the language of Qt's own texts (standard buttons, file dialogs)


# --- language and fonts ------------------------------------------------------------------------
def install_qt_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Load Qt's own translation for ``lang`` (``qtbase_<lang>.qm``, shipped with Qt).

    townclerk's texts are translated by :mod:`townclerk.i18n`; only Qt's own ones ("OK",
    "Cancel", the file dialog) come from Qt's catalogue, which is English at the source.
    """
    QLocale.setDefault(QLocale(lang))
    if lang == QT_SOURCE_LANGUAGE:
        return None
    translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{lang}", qt_folder):
        log.warning("Qt's own translation qtbase_%s was not found in %s", lang, qt_folder)
        return None
    app.installTranslator(translator)
    if lang.startswith("zh"):
        # Asked before qtbase: the labels Qt 6 changed and its Chinese does not have.
        app.installTranslator(QtLabelsInChinese(app))
    return translator


def has_chinese_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def load_font_file(path: Path) -> str | None:
    """Register a font file with Qt; return its first family name, or None if it failed."""
    if not path.is_file():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def ensure_chinese_font(app: QApplication) -> str | None:
    """On a machine without a CJK font, load the bundled one and make it the default.

    Returns the family loaded, or None when the system already had one (or loading failed).
    """
    if has_chinese_font():
        return None
    family = load_font_file(resource_path(*BUNDLED_FONT))
    if family is None:
        log.warning("no Chinese font on this system and the bundled font could not be loaded")
        return None
    font = QFont(app.font())
    font.setFamilies([family, *font.families()])
    app.setFont(font)
    log.info("using the bundled font %s", family)
    return family


def create_application(lang: str) -> QApplication:
    set_language(lang)
    existing = QApplication.instance()
    if existing is None:
        select_input_method(os.environ)
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("townclerk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("townclerk")
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"townclerk-{size}.png")))
    icon.addFile(str(resource_path("icons", "townclerk.png")))
    app.setWindowIcon(icon)
    install_qt_translator(app, lang)
    ensure_chinese_font(app)
    return app


def _log_path(data_dir: Path) -> Path | None:
    path = log_dir(data_dir) / LOG_FILE
    return path if path.exists() else None


# --- the normal start --------------------------------------------------------------------------
def freeze_long_lived_objects() -> None:
    """Leave the objects alive now out of Python's garbage collections from here on.

    What start-up builds (modules, classes, the pages) lives as long as the program, yet every
    full collection walks all of it (100,000–130,000 objects: 60–150 ms with every thread
    stopped) to find nothing, at a random moment of the clerk's work. Frozen, they are skipped
    and a full collection walks only what was made since (a few milliseconds). No collection
    runs first: at this point it finds nothing (measured: 0 unreachable objects) and would
    itself take 60–90 ms. Called once the main window is built (just before it is shown: a full
    collection may land while it first paints), and again whenever a user switch has built the
    new user's pages. A frozen object is still freed when its last reference goes; only a cycle
    of frozen objects would stay (30 user switches left no more memory behind than unfrozen).
    """
    gc.freeze()


def run_gui(launch: Launch, *, selftest: bool = False) -> int:
    if selftest and QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_application(launch.lang)
    hook = ExceptionHook(_log_path(launch.data_dir))
    hook.install()
    try:
        if selftest:
            return run_selftest(app, launch.lang)
        return _run_window(app, launch, hook.log_path)
    finally:
        hook.uninstall()


def no_users_message(url: str) -> str:
    return t(
        "数据库中还没有用户。请先在命令行中运行一次下面的命令，创建第一个"
        "系统管理员：\n"
        "\n"
        "    townclerk init\n"
        "\n"
        "（如需带示例数据的培训数据库，请运行“townclerk init --demo”。）\n"
        "\n"
        "数据库：{url}",
        url=url,
    )


def offer_restore(launch: Launch, problem: DatabaseCorrupt) -> bool:
    """The database is damaged: log it, show the dialog; True once a backup was restored."""
    from townclerk.services.backups import backup_folders, newest_good_backup
    from townclerk.ui.dialogs.damaged_database import DamagedDatabaseDialog

    log.error("the database cannot be read: %s", problem)
    newest = newest_good_backup(backup_folders(launch.data_dir))
    dialog = DamagedDatabaseDialog(launch, str(problem), newest)
    return dialog.exec() == QDialog.DialogCode.Accepted


def _open_database(launch: Launch) -> tuple[Database, bool] | None:
    """The database and whether it has users, or None when it is damaged and no backup was
    restored."""
    from townclerk.db.database import user_error_behind
    from townclerk.services.users import UserService

    try:
        db = launch.database()
        # The first read: damage past the header shows here.
        return db, UserService(db).has_users()
    except Exception as error:
        problem = user_error_behind(error)
        if not isinstance(problem, DatabaseCorrupt):
            raise
        launch.close()
        if not offer_restore(launch, problem):
            return None
        db = launch.database()
        return db, UserService(db).has_users()


def _run_window(app: QApplication, launch: Launch, log_path: Path | None) -> int:
    connection = StartupConnection(launch)
    while True:
        if not connection.prepare():
            return 0
        try:
            opened = _open_database(launch)
            if opened is None:
                return 1
            break
        except UserError as error:
            if launch.origin is not UrlOrigin.PC_CHOICE:
                QMessageBox.critical(None, t("townclerk 无法启动"), str(error))
                return 1
            if not connection.offer_change(str(error)):  # else: the new choice, from the top
                return 1
    db, has_users = opened
    if not has_users:
        message = no_users_message(db.engine.url.render_as_string())
        print(message, file=sys.stderr)
        QMessageBox.critical(None, t("townclerk 无法启动"), message)
        return 1
    context = AppContext(
        db, DataBus(), lang=launch.lang, log_path=log_path, database_origin=launch.origin
    )
    # Both read the database on threads of their own while the login dialog waits.
    context.preload_search()
    history = Preload(lambda: check_recent_history(db), "history-check")
    login = LoginDialog(context)
    if login.exec() != QDialog.DialogCode.Accepted or login.session is None:
        return 0
    context.start_session(login.session)
    window = MainWindow(context)
    freeze_long_lived_objects()
    window.pages_built.connect(freeze_long_lived_objects)
    show_main_window(window, window.window_settings)
    window.backups.start()
    warn_admin(history.result(), context.actor, window)
    context.start_live_updates()
    try:
        return app.exec()
    finally:
        context.stop_live_updates()


# --- the selftest ------------------------------------------------------------------------------
class SelftestFailed(Exception):
    pass


def _step(text: str, started: float) -> None:
    print(f"selftest: {text} ({(time.perf_counter() - started) * 1000:.0f} ms)", flush=True)


def run_selftest(app: QApplication, lang: str) -> int:
    try:
        with tempfile.TemporaryDirectory(prefix="townclerk-selftest-") as folder:
            data_dir = Path(folder)
            db = open_database(sqlite_url(data_dir), data_dir)
            try:
                _selftest_steps(app, db, lang)
            finally:
                db.dispose()
    except (SelftestFailed, UserError) as error:
        print(f"selftest: FAILED: {error}", file=sys.stderr)
        return 1
    print("selftest: ok")
    return 0


def _selftest_steps(app: QApplication, db: Database, lang: str) -> None:
    from townclerk.services.demo import DEMO_PASSWORD, install_demo

    started = time.perf_counter()
    try:
        keys = check_plugins()
    except RuntimeError as error:
        raise SelftestFailed(str(error)) from error
    _step(f"input-method plugins load into Qt {qVersion()}: {', '.join(keys)}", started)
    _step("database created and migrated", started)
    install_demo(db)
    _step("demo users, windows and sample catalog installed", started)
    context = AppContext(db, DataBus(), lang=lang)
    _ = context.search
    _step("search index built", started)
    actor = context.users.authenticate("clerk1", DEMO_PASSWORD)
    window = context.settings.windows()[0]
    context.start_session(Session(actor, window.id, window.name))
    main = MainWindow(context)
    main.show()
    app.processEvents()
    if "intake" not in main.pages or not main.isVisible():
        raise SelftestFailed("the main window did not show the intake page")
    _step("main window shown offscreen", started)
    path = _print_a_receipt(context)
    _step(f"receipt rendered: {path.name} ({path.stat().st_size} bytes)", started)
    # Pages load in the background: let that finish before the temporary database goes away.
    QThreadPool.globalInstance().waitForDone(30_000)
    app.processEvents()
    main.close()
    main.deleteLater()
    app.processEvents()


def _print_a_receipt(context: AppContext) -> Path:
    from townclerk.enums import ApplicantKind, CaseKind, DocumentKind, IdType
    from townclerk.records.cases import ApplicantInput, Intake, MaterialInput
    from townclerk.services.printing import PrintService

    items = context.catalog.items()
    promised = [item for item in items if item.case_kind is CaseKind.PROMISED]
    if not items:
        raise SelftestFailed("the sample catalog has no items")
    chosen = (promised or items)[0]
    if chosen.id not in {hit.id for hit in context.search.search(chosen.name)}:
        raise SelftestFailed(f"the search does not find “{chosen.name}”")
    item = context.catalog.item(chosen.id)
    intake = Intake(
        item_id=item.id,
        applicant=ApplicantInput(
            kind=ApplicantKind.PERSON,
            id_type=IdType.RESIDENT_ID,
            id_number="11010519491231002X",
            name="自检",
            phone="13800000000",
        ),
        materials=tuple(MaterialInput(m.id, MaterialState.RECEIVED) for m in item.materials),
        window_id=context.window_id,
    )
    case = context.cases.accept(context.actor, intake)
    path = PrintService(context.db).render(context.actor, case.number, DocumentKind.RECEIPT).path
    if not path.is_file() or path.stat().st_size == 0:
        raise SelftestFailed(f"the receipt {path} was not written")
    return path
