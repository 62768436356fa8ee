"""Where a part built after its window goes in the window's Tab order.

Qt adds a widget made once its window exists to the end of the window's Tab
order, past the toolbar and the status bar: a part built when first needed
(the find bar, the Dictionary tab's search) would then be reached last, not
from the place it is seen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def follow_in_tab_order(anchor: QWidget, part: QWidget) -> None:
    """Put ``part`` and its children right after ``anchor`` (after the last of its
    children, when it has some) in the Tab order, keeping their order among themselves.

    ``part``'s focus proxy is one of its children: Qt then moves it as one piece.
    """
    proxy = part.focusProxy()
    assert proxy is not None and part.isAncestorOf(proxy), "a part with a child as focus proxy"
    # Qt leaves the order alone when either widget takes no focus itself, as a
    # container whose focus proxy is a child does not: lend them a policy meanwhile.
    # A policy set on a widget is passed on to its focus proxy: theirs are restored too.
    policies = [(widget, widget.focusPolicy()) for widget in _with_proxies(anchor, part)]
    for widget in (anchor, part):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    QWidget.setTabOrder(anchor, part)
    for widget, policy in policies:  # each before its proxies
        widget.setFocusPolicy(policy)


def _with_proxies(*widgets: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in widgets:
        current: QWidget | None = widget
        while current is not None and current not in found:
            found.append(current)
            current = current.focusProxy()
    return found
