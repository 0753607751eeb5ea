"""Light and dark colours. The system's scheme is followed where the platform reports
it (Fusion switches by itself); the View menu can force dark colours anywhere."""
from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

Role = QPalette.ColorRole
DARK = {
    Role.Window: "#2b2d30", Role.WindowText: "#e6e6e6", Role.Base: "#1e1f22",
    Role.AlternateBase: "#26282b", Role.Text: "#e6e6e6", Role.Button: "#2f3134",
    Role.ButtonText: "#e6e6e6", Role.Highlight: "#3d6fb4", Role.HighlightedText: "#ffffff",
    Role.ToolTipBase: "#2f3134", Role.ToolTipText: "#e6e6e6", Role.PlaceholderText: "#9a9da3",
    Role.Link: "#7aa7e8", Role.BrightText: "#ff6b6b", Role.Mid: "#45484d", Role.Dark: "#18191b",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#707378")
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def use_dark_colours(dark: bool) -> None:
    app = QGuiApplication.instance()
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
