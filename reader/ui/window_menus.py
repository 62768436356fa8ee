"""The reading window's actions, menu bar and toolbar, and where features add theirs.

Features (vocabulary, glossaries, and whatever comes next) never look a menu
up by its display text: they ask for it by ``MenuName`` and add through
``add_feature_menu`` and ``add_view_option``, so renaming or translating a
menu cannot break them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QMenu

from reader.ui.pinyin_mode import PinyinMode
from reader.ui.theme import Theme
from reader.ui.tone_colours import ToneLegend

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

_Choice = TypeVar("_Choice", PinyinMode, Theme)  # a setting picked from a View menu


class MenuName(Enum):
    """The window's own menus, in menu-bar order; feature menus go before Help."""

    FILE = "&File"
    EDIT = "&Edit"
    VIEW = "&View"
    HELP = "&Help"


class WindowMenus(QObject):
    """Builds the window's actions, menus and toolbar; the extension points for features."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.legend = ToneLegend(window)
        self.pinyin_combo = QComboBox(window)
        self.pinyin_combo.setToolTip("Pinyin display (Ctrl+P cycles)")
        for mode in PinyinMode:
            self.pinyin_combo.addItem(mode.label, mode.value)
        self._menus: dict[MenuName, QMenu] = {}
        self._build_actions()
        self._build_menus()
        self._build_toolbar()

    # Extension points

    def menu(self, name: MenuName) -> QMenu:
        """One of the window's own menus."""
        return self._menus[name]

    def add_feature_menu(self, menu: QMenu) -> None:
        """Put a feature's menu in the menu bar, before Help."""
        self._window.menuBar().insertMenu(self._menus[MenuName.HELP].menuAction(), menu)

    def add_view_option(self, action: QAction) -> None:
        """Add a feature's display option at the end of the View menu, after a separator."""
        view = self._menus[MenuName.VIEW]
        view.addSeparator()
        view.addAction(action)

    def add_edit_actions_first(self, actions: list[QAction]) -> None:
        """Put ``actions`` (undo and redo) at the top of the Edit menu."""
        edit = self._menus[MenuName.EDIT]
        existing = edit.actions()
        if not existing:
            edit.addActions(actions)
            return
        edit.insertActions(existing[0], actions)
        edit.insertSeparator(existing[0])

    def recent_menu(self) -> QMenu:
        return self._recent_menu

    # Building

    def _new_action(
        self,
        name: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        # Not QAction(text, parent): to choose among its overloads PySide would check
        # whether the text could be a QIcon, and build QIcon's Python type to do so.
        action = QAction(self._window)
        action.setText(text)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self._window.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _new_choice_actions(
        self, prefix: str, choices: type[_Choice], choose: Callable[[_Choice], None]
    ) -> dict[_Choice, QAction]:
        """One checkable action per choice, only one checked at a time, named ``prefix_value``."""
        group = QActionGroup(self)
        actions: dict[_Choice, QAction] = {}
        choice: _Choice
        for choice in choices:
            action = self._new_action(f"{prefix}_{choice.value}", choice.label)
            action.setCheckable(True)
            action.setActionGroup(group)
            action.triggered.connect(lambda _checked=False, c=choice: choose(c))
            actions[choice] = action
        return actions

    def _build_actions(self) -> None:
        window = self._window
        self.open_action = self._new_action("open", "&Open…", QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(window.choose_file)
        self.clipboard_action = self._new_action(
            "open_clipboard", "New Article from &Clipboard", "Ctrl+Shift+V"
        )
        self.clipboard_action.triggered.connect(window.open_from_clipboard)
        self.quit_action = self._new_action("quit", "&Quit", QKeySequence.StandardKey.Quit)
        self.dictionary_file_action = self._new_action("dictionary_file", "Use CC-CEDICT &File…")
        self.dictionary_file_action.triggered.connect(window.choose_dictionary_file)
        self.bundled_dictionary_action = self._new_action(
            "bundled_dictionary", "Use the &Bundled CC-CEDICT"
        )
        self.bundled_dictionary_action.triggered.connect(lambda: window.use_dictionary_file(None))
        self.quit_action.triggered.connect(window.close)

        self.cycle_action = self._new_action("cycle_pinyin", "Cycle &Pinyin Display", "Ctrl+P")
        self.cycle_action.triggered.connect(window.cycle_pinyin_mode)
        self.pinyin_actions = self._new_choice_actions("pinyin", PinyinMode, window.set_pinyin_mode)
        self.pinyin_combo.activated.connect(
            lambda index: window.set_pinyin_mode(PinyinMode(self.pinyin_combo.itemData(index)))
        )

        self.tone_action = self._new_action("tone_colours", "&Tone Colours")
        self.tone_action.setCheckable(True)
        self.tone_action.toggled.connect(window.set_tone_colours)

        self.zoom_in_action = self._new_action(
            "zoom_in", "Zoom &In", QKeySequence.StandardKey.ZoomIn
        )
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.zoom_in_action.triggered.connect(window.zoom_in)
        self.zoom_out_action = self._new_action(
            "zoom_out", "Zoom &Out", QKeySequence.StandardKey.ZoomOut
        )
        self.zoom_out_action.setShortcuts([QKeySequence("Ctrl+-")])
        self.zoom_out_action.triggered.connect(window.zoom_out)
        self.zoom_reset_action = self._new_action("zoom_reset", "&Reset Zoom", "Ctrl+0")
        self.zoom_reset_action.triggered.connect(window.reset_zoom)

        self.theme_actions = self._new_choice_actions("theme", Theme, window.set_theme)

        self.find_action = self._new_action("find", "&Find…", QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(window.show_find_bar)
        self.about_action = self._new_action("about", "&About Duzhe Reader")
        self.about_action.triggered.connect(window.show_about)

    def _add_menu(self, name: MenuName) -> QMenu:
        menu = self._window.menuBar().addMenu(name.value)
        menu.setObjectName(f"{name.name.lower()}Menu")
        self._menus[name] = menu
        return menu

    def _build_menus(self) -> None:
        window = self._window
        file_menu = self._add_menu(MenuName.FILE)
        file_menu.addAction(self.open_action)
        self._recent_menu = QMenu("Open &Recent", window)
        self._recent_menu.setObjectName("recentMenu")
        self._recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self._recent_menu)
        file_menu.addAction(self.clipboard_action)
        file_menu.addSeparator()
        file_menu.addAction(self.dictionary_file_action)
        file_menu.addAction(self.bundled_dictionary_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self._add_menu(MenuName.EDIT)
        edit_menu.addAction(self.find_action)

        view_menu = self._add_menu(MenuName.VIEW)
        pinyin_menu = view_menu.addMenu("&Pinyin")
        for action in self.pinyin_actions.values():
            pinyin_menu.addAction(action)
        pinyin_menu.addSeparator()
        pinyin_menu.addAction(self.cycle_action)
        view_menu.addAction(self.tone_action)
        view_menu.addSeparator()
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.zoom_reset_action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("T&heme")
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        view_menu.addSeparator()
        library_toggle = window.library_dock().toggleViewAction()
        library_toggle.setText("Show &Library")
        library_toggle.setObjectName("show_library")
        view_menu.addAction(library_toggle)
        sidebar_toggle = window.sidebar_dock().toggleViewAction()
        sidebar_toggle.setText("Show &Sidebar")
        sidebar_toggle.setObjectName("show_sidebar")
        view_menu.addAction(sidebar_toggle)

        help_menu = self._add_menu(MenuName.HELP)
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = self._window.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        layout = toolbar.layout()
        if layout is not None:  # a toolbar always has one; typed as optional
            layout.setSpacing(6)  # a little more room than Fusion's 3 px between items
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.clipboard_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.pinyin_combo)
        toolbar.addAction(self.tone_action)
        toolbar.addWidget(self.legend)
        toolbar.addSeparator()
        toolbar.addAction(self.zoom_out_action)
        toolbar.addAction(self.zoom_in_action)
        toolbar.addAction(self.find_action)

    def _fill_recent_menu(self) -> None:
        self._recent_menu.clear()
        recent = self._window.settings().recent_files()
        for path in recent:
            action = self._recent_menu.addAction(path)
            action.setEnabled(os.path.isfile(path))
            action.triggered.connect(lambda _checked=False, p=path: self._window.open_path(p))
        if not recent:
            empty = self._recent_menu.addAction("No recent files")
            empty.setEnabled(False)
