"""The window's views over the whole corpus: the document navigator, corpus search,
find in document, the annotation browser, and opening a document at a place."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from .navigator import DocumentNavigator

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


class WindowCorpus:
    def __init__(self, window):
        self.window = window
        self._find_bar = None  # hidden until Ctrl+F: made then (see find_bar)
        self.navigator = DocumentNavigator(window.project, window)
        self.navigator_dock = window.add_dock("Documents", self.navigator, "documentsDock", LEFT)
        self.navigator.document_chosen.connect(self.open_document)
        # next and previous document are the list's rows, as filtered and sorted
        window.session.walk_through(self.navigator.neighbour)
        # Search and the annotation browser start behind other docks or hidden: their
        # docks are made now (the saved layout places them), their contents when first
        # shown or asked for, which keeps their modules and queries out of start-up.
        self._search_panel = self._browser = None
        self.search_dock = window.add_dock("Search", QWidget(), "searchDock", LEFT)
        window.tabifyDockWidget(self.navigator_dock, self.search_dock)
        self.navigator_dock.raise_()
        self.search_dock.visibilityChanged.connect(self._search_dock_shown)
        self.browser_dock = window.add_dock("Annotation browser", QWidget(), "browserDock", BOTTOM)
        self.browser_dock.hide()  # opened from the View menu: it wants the width
        self.browser_dock.visibilityChanged.connect(self._browser_dock_shown)
        window.session.subscribe(self._on_change)

    @property
    def find_bar(self):
        """Find in document, made the first time it is opened or asked for, below the
        text. Hidden until then, it (and its case and accent folding) is no part of start-up."""
        if self._find_bar is None:
            from .find_bar import FindBar
            self._find_bar = FindBar(self.window.view, self.window)
            self.window.centralWidget().layout().addWidget(self._find_bar)
        return self._find_bar

    @property
    def search_panel(self):
        """The corpus search panel, made the first time it is shown or asked for."""
        if self._search_panel is None:
            from .search_panel import SearchPanel
            self._search_panel = SearchPanel(self.window.project, self.window)
            self._search_panel.hit_chosen.connect(self.open_at)
            self.search_dock.setWidget(self._search_panel)
        return self._search_panel

    @property
    def browser(self):
        """The annotation browser, made the first time it is shown or asked for."""
        if self._browser is None:
            from .annotation_browser import AnnotationBrowser
            self._browser = AnnotationBrowser(self.window.project, self.window)
            self._browser.span_opened.connect(self.open_span)
            self.browser_dock.setWidget(self._browser)
        return self._browser

    def _search_dock_shown(self, visible: bool) -> None:
        if visible:
            _ = self.search_panel  # builds it

    def _browser_dock_shown(self, visible: bool) -> None:
        if visible:
            _ = self.browser  # builds it

    def _on_change(self, change) -> None:
        session = self.window.session
        if change.kind == "document" and session.document is not None:
            self.navigator.show_current(session.document.id)
        if change.kind in ("spans", "status"):
            if session.document is None:
                self.navigator.schedule_refresh()
            else:  # an edit or undo changes the open document alone (undo opens its own)
                self.navigator.document_edited(session.document.id, change.kind == "status")
        if change.kind == "labels":
            self.navigator.refresh()  # label columns come and go
        if change.kind in ("spans", "labels") and self._browser is not None:
            self._browser.refresh_later()  # one not built yet reads everything when it is

    def corpus_changed(self) -> None:
        self.navigator.refresh()
        if self._browser is not None:
            self._browser.refresh_later()
        if self._search_panel is not None and self._search_panel.field.text():
            self._search_panel.run_search()

    def open_document(self, document_id: int) -> None:
        self.window.session.open_document(document_id)

    def show_documents(self) -> None:
        self.navigator_dock.show()
        self.navigator_dock.raise_()
        self.navigator.focus_list()

    def open_at(self, document_id: int, start: int, end: int) -> None:
        """Open a document at a place (a search hit): the place is selected and centred."""
        window = self.window
        window.attribution.commit_pending()
        session = window.session
        if session.document is None or session.document.id != document_id:
            session.open_document(document_id)
        window.view.show_range(start, end)
        window.view.setFocus()

    def open_span(self, document_id: int, span_id: int) -> None:
        window = self.window
        window.attribution.commit_pending()
        session = window.session
        if session.document is None or session.document.id != document_id:
            session.open_document(document_id)
        session.load_rest()
        session.select(span_id)
        window.view.scroll_to_span(span_id)
        window.view.setFocus()

    def search_everywhere(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_query()

    def show_browser(self) -> None:
        self.browser_dock.show()
        self.browser_dock.raise_()
        self.browser.setFocus()
